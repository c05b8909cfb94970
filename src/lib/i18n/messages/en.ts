// The English UI: every word the page shows outside the packets themselves. Translations (zh-CN.ts) have the same
// shape, which TypeScript checks: a message missing from a translation is a type error.
import type { TimeFormat } from '../../engine/types';
import type { ViewName } from '../../state/viewer.svelte';

export const en = {
  language: {
    label: 'Language',
  },
  open: {
    choose: 'Open a capture',
    sample: 'Open the sample',
    reading: 'Reading',
    readingProgress: (read: string, total: string, packets: string) => `${read} of ${total}, ${packets}`,
    readingLabel: 'Reading the capture',
    cancel: 'Cancel',
    openFirst: (n: string) => `Open the first ${n} packets`,
  },
  intro: {
    drop: 'Drop a capture file ({pcap}, {pcapng}, or a {gz} of either) anywhere on this page, or choose one above. “Open the sample” shows a student’s HTTP lab capture.',
    local: 'The file is read in this tab. Nothing is uploaded.',
  },
  toolbar: {
    time: 'Time',
    colours: 'Colour packets',
  },
  views: {
    label: 'Views',
    names: {
      packets: 'Packets',
      flow: 'Sequence diagram',
      follow: 'Follow stream',
      objects: 'HTTP objects',
      conversations: 'Conversations',
      endpoints: 'Endpoints',
      hierarchy: 'Protocol hierarchy',
      http: 'HTTP statistics',
      io: 'I/O graph',
      expert: 'Expert information',
      properties: 'Capture properties',
    } satisfies Record<ViewName, string> as Record<ViewName, string>,
  },
  status: {
    ready: 'Ready. Nothing is uploaded: captures are read in this tab.',
    packets: (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'packet' : 'packets'}`,
    displayed: (n: string) => `Displayed: ${n}`,
    loadedIn: (seconds: string) => `Loaded in ${seconds} s`,
    sorting: 'Sorting…',
    warning: '⚠ 1 warning',
  },
  goTo: {
    title: 'Go to packet',
    go: 'Go',
    cancel: 'Cancel',
    notANumber: 'Type a packet number (1, 2, 3, …).',
    noSuch: (n: number) => `There is no packet ${n} in the list.`,
  },
  filter: {
    placeholder: 'Apply a display filter … (Enter)',
    apply: 'Apply',
    clear: 'Clear',
    saved: 'Saved filters',
    suggestions: 'Suggestions',
    recent: 'recent',
    filtering: 'Filtering…',
    errorAt: (text: string, at: number) => ` (“${text}” at character ${at})`,
    errorAtChar: (at: number) => ` (at character ${at})`,
    captureFilter: 'Capture filter read as the display filter',
    applied: 'Filter:',
    states: { empty: '', valid: 'valid', invalid: 'invalid', deprecated: 'deprecated' },
  },
  detail: {
    menu: 'Field',
    apply: {
      selected: 'Apply as filter',
      not: 'Apply as filter: not selected',
      and: 'Apply as filter: … and selected',
      or: 'Apply as filter: … or selected',
    },
    prepare: {
      selected: 'Prepare as filter',
      not: 'Prepare as filter: not selected',
      and: 'Prepare as filter: … and selected',
      or: 'Prepare as filter: … or selected',
      'and-not': 'Prepare as filter: … and not selected',
      'or-not': 'Prepare as filter: … or not selected',
    },
    copyValue: 'Copy value',
    copyFilter: 'Copy as filter',
    copyLine: 'Copy line',
    copyLink: 'Copy link',
    copyLinkInside: 'Copy link with the capture inside',
    expand: 'Expand subtrees',
    collapse: 'Collapse subtrees',
    copied: { value: 'value', filter: 'filter', line: 'line' },
    copiedNote: (what: string, text: string) => `Copied ${what}: ${text}`,
    copyRefused: (text: string) => `Could not copy (the browser refused): ${text}`,
    expert: (severity: string) => `Expert information: ${severity}`,
    severities: { chat: 'Chat', note: 'Note', warn: 'Warning', error: 'Error' },
  },
  explain: {
    title: 'Explain this packet',
    none: 'Nothing to explain beyond the details above: this packet is not part of a TCP, HTTP, DNS or TLS exchange Wirelens explains yet.',
    handshake1: (v: { from: string; to: string; raw: string; mss?: string; scale?: string }) =>
      `First step of the three-way handshake: port ${v.from} asks port ${v.to} to open a connection (SYN). Its initial sequence number (ISN) is ${v.raw}; Wirelens shows it as Seq 0 and counts every later number from it.` +
      (v.mss ? ` It can receive segments of up to ${v.mss} bytes (MSS).` : '') +
      (v.scale ? ` Its window field will count in units of ${v.scale} bytes (window scale).` : ''),
    handshake2: (v: { ack: number; raw: string; clientIsn: string }) =>
      `Second step of the three-way handshake: the server acknowledges the client's SYN (Ack ${v.ack} = client ISN 0 + 1${v.clientIsn ? `; raw ${v.clientIsn} + 1` : ''}) and sends its own SYN (Seq 0, raw ISN ${v.raw}). A SYN takes up one sequence number, which is why the acknowledgment is one more.`,
    handshake3: () =>
      "Third step of the three-way handshake: the client acknowledges the server's SYN (Seq 1, Ack 1 = server ISN 0 + 1). The connection is now established and either side may send data.",
    data: (v: { len: number; seq: number; last: number; next: number }) =>
      `A data segment: ${v.len} bytes, bytes ${v.seq}–${v.last} of this direction's stream. The receiver acknowledges them with Ack ${v.next} (next expected sequence number = Seq ${v.seq} + Len ${v.len}).`,
    segmentOfMessage: (v: { frame: number }) =>
      `Its bytes are part of a larger message that Wirelens puts back together and shows in frame ${v.frame}.`,
    reassembled: (v: { count: string; bytes: string }) =>
      `This segment completes a message of ${v.bytes} bytes reassembled from ${v.count} TCP segments; the protocol above TCP reads it whole here.`,
    pureAck: (v: { ack: number; last: number; win: string }) =>
      `A pure acknowledgment (no data): every byte up to ${v.last} has arrived, so the next byte expected is ${v.ack} (Ack ${v.ack}).${v.win ? ` It also advertises a receive window of ${v.win} bytes: how much the other side may send before it must wait for the next acknowledgment.` : ''}`,
    windowUpdate: (v: { win: string }) =>
      `A window update: no new data or acknowledgment, only a larger receive window (${v.win} bytes): the receiver has made room in its buffer.`,
    fin: (v: { seq: number; next: number; ack: number; len: number }) =>
      `FIN: this side has no more data to send and starts closing its half of the connection${v.len ? ` (after the ${v.len} bytes this segment carries)` : ''}. The FIN takes up sequence number ${v.seq}, so the other side acknowledges it with Ack ${v.next}. The connection is closed when both sides have sent a FIN and had it acknowledged (the four-way close).`,
    reset: (v: { from: string; to: string }) =>
      `RST: port ${v.from} aborts the connection with port ${v.to} at once. Unlike a FIN, nothing is acknowledged afterwards and data not yet delivered is lost; it is sent, for example, to a port where nothing listens or by an application that gives up.`,
    retransmission: (v: { seq: number; len: number }) =>
      `A retransmission: bytes from ${v.seq} (${v.len} bytes) were sent before and not acknowledged in time, so the sender sends them again. Usually a segment or its acknowledgment was lost.`,
    fastRetransmission: (v: { seq: number; len: number }) =>
      `A fast retransmission: the receiver sent duplicate ACKs asking again for byte ${v.seq}, so the sender re-sends it at once instead of waiting for its retransmission timer.`,
    spuriousRetransmission: (v: { seq: number; len: number }) =>
      `A spurious retransmission: bytes from ${v.seq} are sent again although the receiver had already acknowledged them.`,
    outOfOrder: (v: { seq: number }) =>
      `Out of order: this segment (Seq ${v.seq}) arrived after a segment that follows it in the stream.`,
    lostSegment: () =>
      'A gap: bytes just before this segment were never seen in the capture (lost, or missed by the capture).',
    duplicateAck: (v: { ack: number; n: string }) =>
      `A duplicate acknowledgment${v.n ? ` (#${v.n})` : ''}: the receiver repeats Ack ${v.ack} because a later segment arrived while byte ${v.ack} is still missing. Three of them make the sender retransmit at once.`,
    zeroWindow: () =>
      "Zero window: the receiver's buffer is full, so the sender must stop sending data until a window update opens it again.",
    keepAlive: (v: { seq: number }) =>
      `A keep-alive: a probe with sequence number ${v.seq}, one below the next byte expected, that makes the other side answer with an ACK: it checks that an idle connection is still there.`,
    httpRequest: (v: { method: string; uri: string; host: string }) =>
      `HTTP request: the browser asks ${v.host || 'the server'} to ${v.method} ${v.uri}.`,
    httpRange: (v: { range: string }) =>
      `It asks for part of the resource only (Range: ${v.range}). Browsers request audio and video in ranges so that playback can start and jump without downloading the whole file.`,
    httpAnsweredIn: (v: { frame: string }) => `The response is in frame ${v.frame}.`,
    httpAnswers: (v: { frame: string }) => `It answers the request in frame ${v.frame}.`,
    http200: (v: { type: string; length: string; uri: string }) =>
      `HTTP 200 OK: the server sends the resource${v.uri ? ` ${v.uri}` : ''}${v.type ? ` (${v.type}` : ''}${v.type && v.length ? `, ${v.length} bytes)` : v.type ? ')' : v.length ? ` (${v.length} bytes)` : ''}. A body larger than one segment is split over several TCP segments and put back together here.`,
    http206: (v: { contentRange: string; type: string; uri: string }) =>
      `HTTP 206 Partial Content: the server sends only the part the browser asked for with its Range header${v.contentRange ? ` (Content-Range: ${v.contentRange})` : ''}${v.type ? `, of ${v.type}` : ''}. This is how media is streamed: the player asks for the bytes it needs next.`,
    http304: (v: { uri: string }) =>
      `HTTP 304 Not Modified: the browser already has ${v.uri || 'this resource'} in its cache and asked whether it changed (If-Modified-Since or If-None-Match); it has not, so no body is sent and the cached copy is used.`,
    http404: (v: { uri: string }) => `HTTP 404 Not Found: the server has nothing at ${v.uri || 'the requested URI'}.`,
    httpOther: (v: { code: number; phrase: string }) => `HTTP response: status ${v.code} ${v.phrase}.`,
    dnsQuery: (v: { name: string; type: string; id: string }) =>
      `DNS query: what is the ${v.type || ''} record of ${v.name}? The answer will carry the same transaction ID (${v.id}).`,
    dnsResponse: (v: { name: string; answers: number; addresses: string; rcode: number }) =>
      v.rcode
        ? `DNS response for ${v.name}: an error (response code ${v.rcode}); ${v.rcode === 3 ? 'the name does not exist (NXDOMAIN).' : 'no usable answer.'}`
        : `DNS response for ${v.name}: ${v.answers} answer record${v.answers === 1 ? '' : 's'}${v.addresses ? `, address ${v.addresses}` : ''}.`,
    tlsClientHello: (v: { sni: string }) =>
      `TLS ClientHello: the client starts a TLS handshake${v.sni ? ` for ${v.sni} (server name, sent in clear text)` : ''}, offering the TLS versions, cipher suites and key shares it supports.`,
    tlsServerHello: (v: { suite: string }) =>
      `TLS ServerHello: the server picks the version and cipher suite${v.suite ? ` (${v.suite})` : ''} from the client's offer; from here on the handshake derives the keys that encrypt the data.`,
  },
  panes: {
    resizeList: 'Resize the packet list',
    resizeDetails: 'Resize the packet details',
  },
  timeFormats: {
    relative: 'Seconds since beginning of capture',
    'delta-displayed': 'Seconds since previous displayed packet',
    delta: 'Seconds since previous captured packet',
    absolute: 'Date and time of day',
    'time-of-day': 'Time of day',
    utc: 'UTC date and time of day',
    epoch: 'Seconds since 1970-01-01 (epoch)',
  } satisfies Record<TimeFormat, string> as Record<TimeFormat, string>,
};

export type Messages = typeof en;
