// The command-line twin as people run it: `npm run cli` (scripts/cli.cjs) builds the bundle when it is stale and
// prints what tshark prints. Compared with the tshark 4.0 golden of the lab capture.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const capture = join(root, 'workers/testdata/lab-null.pcapng');

function cli(...args: string[]) {
  return spawnSync(process.execPath, [join(root, 'scripts/cli.cjs'), ...args], { encoding: 'utf8', cwd: root });
}

describe('cli', () => {
  it('prints -T fields rows identical to tshark 4.0', () => {
    const golden = readFileSync(capture + '.cols.tsv', 'utf8');
    const fields = golden.split('\n', 1)[0].split('\t');
    const run = cli('-r', capture, '-T', 'fields', '-E', 'header=y', ...fields.flatMap((f) => ['-e', f]));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(golden);
  }, 60_000);

  it('prints one text line per packet and stops after -c packets', () => {
    const run = cli('-r', capture, '-c', '2');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^ {4}2 0\.000016034 +127\.0\.0\.1 → 127\.0\.0\.1 +TCP 64 8080 → 42960 \[SYN, ACK\]/);
  }, 60_000);

  it('with -c reads only that many packets, as tshark does: a message completed later is not reassembled', () => {
    // The JPEG's 200 OK is reassembled in frame 50 from frames 12–49. Over the whole file 18 frames up to 45 say
    // "tcp.reassembled_in"; tshark -n -r lab-null.pcapng -c 45 -2 -T fields -e frame.number -e tcp.reassembled_in
    // reads 45 packets only and names none.
    const run = cli('-r', capture, '-c', '45', '-2', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.reassembled_in');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(45);
    expect(rows.filter((r) => (r.split('\t')[1] ?? '') !== '')).toEqual([]);
    const whole = cli('-r', capture, '-2', '-T', 'fields', '-e', 'frame.number', '-e', 'tcp.reassembled_in');
    const named = whole.stdout.split('\n').filter((r) => r.split('\t')[1] && Number(r.split('\t')[0]) <= 45);
    expect(named).toHaveLength(18);
  }, 60_000);

  it('prints only the packets a display filter (-Y) lets through, as tshark -Y does', () => {
    const run = cli('-r', capture, '-Y', 'tcp.port == 8080 && http', '-T', 'fields', '-e', 'frame.number');
    expect(run.status).toBe(0);
    // tshark -n -r lab-null.pcapng -Y 'tcp.port == 8080 && http' -T fields -e frame.number
    expect(run.stdout.trim().split('\n')).toEqual(['4', '9', '11', '41', '50', '101', '112', '142']);
  }, 60_000);

  it('rejects an invalid display filter with the place of the error', () => {
    const run = cli('-r', capture, '-Y', 'tcp.port == 80 &&');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'wirelens: invalid display filter: Unexpected end of filter expression.\n  tcp.port == 80 &&\n                   ^\n',
    );
  }, 60_000);

  it('says why it cannot read a file that is not a capture, with a non-zero exit', () => {
    const run = cli('-r', join(root, 'package.json'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/^wirelens: .*package\.json/);
  }, 60_000);
});

describe('cli -T fields values', () => {
  it('prints byte strings without separators and escapes line breaks in text, as tshark 4.0 does', () => {
    const run = cli('-r', capture, '-c', '4', '-T', 'fields', '-e', 'tcp.options', '-e', 'http.request.line');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    // tshark -r lab-null.pcapng -c 4 -T fields -e tcp.options -e http.request.line
    expect(lines[2]).toBe('0101080aedad11865f7d9945\t');
    expect(lines[3].split('\t')[1]).toMatch(/^Host: 127\.0\.0\.1:8080\\r\\n,/);
  }, 60_000);
});
