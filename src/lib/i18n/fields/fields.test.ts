// Every field of the protocols a student meets first has a description in every language of the UI, checked against
// the field registry itself (a field added to those protocols without a description fails here).
import { describe, expect, it } from 'vitest';
import '../../../../workers/dissect/protocols/index';
import '../../../../workers/reassembly/tcp';
import { allFields, fieldByName } from '../../../../workers/dissect/registry';
import { LOCALES } from '../locales';
import { FIELD_TEXTS } from './index';

/**
 * The protocols described so far. Issue 10 asks for Frame, Null/Loopback, Ethernet, IPv4, IPv6, TCP, UDP, HTTP, DNS
 * and the TLS record layer; each joins this list when its file in this folder does.
 */
const COVERED = ['ip', 'ipv6', 'http', 'dns'];
const covered = (abbrev: string) => COVERED.some((p) => abbrev === p || abbrev.startsWith(`${p}.`));

describe('field descriptions', () => {
  it('cover every field of the first protocols, in every language', () => {
    const fields = allFields().filter((f) => covered(f.abbrev));
    expect(fields.length).toBeGreaterThan(250);
    const missing = fields.flatMap((f) =>
      LOCALES.filter((l) => !(FIELD_TEXTS[f.abbrev]?.[l] ?? '').trim()).map((l) => `${f.abbrev} (${l})`),
    );
    expect(missing).toEqual([]);
  });

  it('describe only fields that exist, and say more than the name', () => {
    for (const [abbrev, text] of Object.entries(FIELD_TEXTS)) {
      const def = fieldByName(abbrev);
      expect(def, abbrev).toBeDefined();
      expect(text.en.toLowerCase(), abbrev).not.toBe(def?.name.toLowerCase());
      expect(text.en.length, abbrev).toBeGreaterThan(def?.name.length ?? 0);
      // The Chinese text is Chinese (field names inside it stay English).
      expect(text['zh-CN'], abbrev).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
