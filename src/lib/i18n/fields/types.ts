// What a field means, in each language of the UI: shown as the tooltip of its line in the packet details and of its
// name in the display filter's suggestions. Field names themselves stay Wireshark's English.

/** A field's description in every language the UI has (see ../locales.ts). */
export interface FieldText {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** Descriptions by filter name ("tcp.seq"). */
export type FieldTexts = Readonly<Record<string, FieldText>>;
