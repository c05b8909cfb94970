// Keeps the benchmark from rotting: `scripts/bench.mjs` runs end to end on a small generated capture against the
// build `npm run test:e2e` has just made, and prints a JSON line with every measurement filled in. It checks that
// each number is there, never how fast anything was (no timed assertions), and needs no tshark.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/bench.mjs', ...args], { cwd: root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the benchmark opens a generated capture and reports every measurement', async () => {
  test.setTimeout(180_000);
  // --no-build: never rebuild dist/ under the preview server the other specs use.
  const { code, stdout, stderr } = await run(['--generate', '10000', '--no-build', '--no-tshark', '--timeout', '120']);
  expect(code, stderr).toBe(0);
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const result = JSON.parse(last) as Record<string, unknown>;
  expect(result.file).toMatch(/wirelens-bench-10000\.pcap$/);
  expect(result.packets).toBe(10000);
  expect(result.bytes).toBeGreaterThan(10000 * 60);
  for (const key of ['openMs', 'firstRowsMs', 'selectMs', 'heapMB'] as const) {
    expect(result[key], `${key}\n${stderr}`).toBeGreaterThan(0);
  }
  expect(result.firstRowsMs as number).toBeLessThanOrEqual(result.openMs as number);
  // The sequence diagram of all flows was opened, scrolled and zoomed.
  expect(result.flowMs, `flowMs\n${stderr}`).toBeGreaterThan(0);
  for (const key of ['longTasks', 'maxTaskMs', 'scrollMaxTaskMs', 'flowMaxTaskMs'] as const) {
    expect(result[key], `${key}\n${stderr}`).toBeGreaterThanOrEqual(0);
  }
  // Both display filters were applied and timed.
  expect(result.filterMs, `filterMs\n${stderr}`).toBeGreaterThan(0);
  expect(result.filterTcpMs, `filterTcpMs\n${stderr}`).toBeGreaterThan(0);
  expect(result.tsharkMs).toBeNull();
  expect(result.openVsTshark).toBeNull();
  // Memory per packet: the heap measured, shared out over the packets.
  expect(result.heapBytesPerPacket).toBe(Math.round(((result.heapMB as number) * 1024 * 1024) / 10000));
  // Nothing degraded to a warning: a mark or control the benchmark relies on went missing.
  expect(stderr).not.toContain('warning:');
});
