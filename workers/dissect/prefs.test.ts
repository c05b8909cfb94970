import { afterEach, describe, expect, it } from 'vitest';
import { prefs, setPreference } from './prefs';

describe('preferences', () => {
  afterEach(() => setPreference('tcp.reassemble_out_of_order:FALSE'));

  it('takes tshark-style name:value assignments', () => {
    expect(prefs.tcp.reassembleOutOfOrder).toBe(false);
    setPreference('tcp.reassemble_out_of_order:TRUE');
    expect(prefs.tcp.reassembleOutOfOrder).toBe(true);
  });

  it('refuses unknown names and values that are not booleans', () => {
    expect(() => setPreference('tcp.no_such_thing:TRUE')).toThrow(/unknown preference/);
    expect(() => setPreference('tcp.reassemble_out_of_order:maybe')).toThrow(/TRUE or FALSE/);
    expect(() => setPreference('tcp.reassemble_out_of_order')).toThrow(/name:value/);
  });
});
