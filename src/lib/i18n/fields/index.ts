// Every field description of the UI, by filter name (loaded on first use by i18n.svelte.ts).
import { dnsFields } from './dns';
import { httpFields } from './http';
import { ipFields } from './ip';
import { ipv6Fields } from './ipv6';
import type { FieldTexts } from './types';

export const FIELD_TEXTS: FieldTexts = {
  ...ipFields,
  ...ipv6Fields,
  ...dnsFields,
  ...httpFields,
};
