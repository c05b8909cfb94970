// The colouring rule of every frame of the test captures, against what tshark 4.0 applies (`tshark --color`,
// recorded in workers/testdata/*.color.tsv by scripts/golden-coloring.sh).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './coloring';
import { dissectFile } from './testing';

const TESTDATA = join(import.meta.dirname, '..', 'testdata');
const goldens = readdirSync(TESTDATA).filter((f) => f.endsWith('.color.tsv'));

describe('default colouring rules', () => {
  it('are Wireshark 4.0 rules in its order', () => {
    expect(DEFAULT_RULES.map((r) => r.name).slice(0, 3)).toEqual([
      'Bad TCP',
      'HSRP State Change',
      'Spanning Tree Topology  Change',
    ]);
    expect(DEFAULT_RULES.at(-2)?.name).toBe('Broadcast');
    expect(DEFAULT_RULES).toHaveLength(20);
  });

  it.each(goldens)('%s: each frame gets the rule tshark gives it', async (golden) => {
    const capture = golden.replace(/\.color\.tsv$/, '');
    const expected = readFileSync(join(TESTDATA, golden), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[1] ?? '');
    const { packets } = await dissectFile(join(TESTDATA, capture));
    const got = packets.map((d) => d.field('frame.coloring_rule.name') ?? '');
    expect(got).toEqual(expected);
  });
});
