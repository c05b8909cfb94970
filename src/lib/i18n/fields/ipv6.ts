// IPv6 fields: what each means, in every language of the UI.
import type { FieldTexts } from './types';

export const ipv6Fields: FieldTexts = {
  ipv6: {
    en: 'Internet Protocol version 6 (RFC 8200): the network-layer protocol with 128-bit addresses, a fixed 40-byte header and optional extension headers chained by Next Header.',
    'zh-CN':
      '网际协议第 6 版（IPv6，RFC 8200）：使用 128 位地址的网络层协议，基本首部固定为 40 字节，可选的扩展首部通过“下一个首部”字段串接。',
  },
  'ipv6.version': {
    en: 'IP version number, the first 4 bits of the header: always 6 for IPv6. A receiver looks at it to tell IPv6 packets from IPv4 ones (version 4).',
    'zh-CN': '版本：首部最前面的 4 位，IPv6 中总是 6。接收方据此区分 IPv6 数据报与 IPv4 数据报（版本为 4）。',
  },
  'ipv6.tclass': {
    en: 'Traffic class (8 bits): marks the packet for quality-of-service treatment; made of the 6-bit DSCP and the 2-bit ECN, like the DS field of IPv4.',
    'zh-CN':
      '通信量类（8 位）：为数据包标记服务质量等级，由 6 位的 DSCP 和 2 位的 ECN 组成，与 IPv4 的区分服务（DS）字段相同。',
  },
  'ipv6.tclass.dscp': {
    en: 'Differentiated Services Code Point, the upper 6 bits of the traffic class: selects how routers should treat the packet (0 = default best effort, 46 = EF for voice …).',
    'zh-CN':
      '区分服务码点（DSCP），通信量类的高 6 位：指明路由器应如何对待该数据包（0 为默认的尽力而为，46 为 EF 加速转发，常用于语音等）。',
  },
  'ipv6.tclass.ecn': {
    en: 'Explicit Congestion Notification, the low 2 bits of the traffic class (RFC 3168): 0 = not ECN-capable, 1 or 2 = ECN-capable transport, 3 = congestion experienced (set by a router).',
    'zh-CN':
      '显式拥塞通知（ECN，RFC 3168），通信量类的低 2 位：0 表示不支持 ECN，1 或 2 表示传输层支持 ECN，3 表示经历了拥塞（由路由器置位）。',
  },
  'ipv6.flow': {
    en: 'Flow label (20 bits, RFC 6437): set by the source to mark packets of one flow so routers can keep them on the same path without reading further headers; 0 means no label.',
    'zh-CN':
      '流标号（20 位，RFC 6437）：由源点设置，用来标记属于同一个“流”的数据包，使路由器不必查看更深层的首部就能让它们走同一路径；为 0 表示未使用流标号。',
  },
  'ipv6.src_slaac_mac': {
    en: 'Computed by Wirelens, not carried as such: the MAC address the source address was built from by SLAAC (modified EUI-64 interface ID with ff:fe in the middle, U/L bit flipped back).',
    'zh-CN':
      '由 Wirelens 计算得出，并非报文中的字段：源地址通过 SLAAC 自动配置时所依据的 MAC 地址（接口标识符为中间含 ff:fe 的修改型 EUI-64，并把 U/L 位还原）。',
  },
  'ipv6.dst_slaac_mac': {
    en: 'Computed by Wirelens, not carried as such: the MAC address the destination address was built from by SLAAC (its modified EUI-64 interface ID, with ff:fe in the middle).',
    'zh-CN':
      '由 Wirelens 计算得出，并非报文中的字段：目的地址通过 SLAAC 自动配置时所依据的 MAC 地址（取自中间含 ff:fe 的修改型 EUI-64 接口标识符）。',
  },
  'ipv6.slaac_mac': {
    en: 'Computed by Wirelens (hidden): the MAC address embedded in either the source or the destination address by SLAAC; filter on it to find a host by its MAC, e.g. ipv6.slaac_mac == 00:11:22:33:44:55.',
    'zh-CN':
      '由 Wirelens 计算得出（隐藏字段）：源地址或目的地址中经 SLAAC 嵌入的 MAC 地址；可用它按 MAC 查找主机，如 ipv6.slaac_mac == 00:11:22:33:44:55。',
  },
  'ipv6.reassembled.data': {
    en: 'Computed by Wirelens: the payload of a fragmented packet put back together from all its fragments (everything that followed the Fragment headers), as one block of bytes.',
    'zh-CN': '由 Wirelens 计算得出：把所有分片重新组装后得到的完整数据（各分片中分片首部之后的内容拼接而成）。',
  },
  'ipv6.plen': {
    en: 'Payload length in bytes: everything after the 40-byte fixed header, extension headers included. 0 in a jumbogram, whose length is then in the Jumbo Payload option.',
    'zh-CN':
      '有效载荷长度（字节）：40 字节基本首部之后的全部内容，包括扩展首部。超大报文（jumbogram）中该字段为 0，实际长度放在 Jumbo Payload 选项中。',
  },
  'ipv6.nxt': {
    en: 'Next header: the type of header right after this one, either an extension header (0 hop-by-hop, 43 routing, 44 fragment, 60 destination options) or the upper layer (6 TCP, 17 UDP, 58 ICMPv6).',
    'zh-CN':
      '下一个首部：紧跟在基本首部之后的首部类型，可以是扩展首部（0 逐跳选项、43 路由、44 分片、60 目的站选项），也可以是上层协议（6 TCP、17 UDP、58 ICMPv6）。',
  },
  'ipv6.hlim': {
    en: 'Hop limit: how many more routers may forward the packet; each one lowers it by 1 and drops the packet at 0 (IPv4 calls it TTL).',
    'zh-CN': '跳数限制：数据包还能被多少个路由器转发；每经过一个路由器减 1，为 0 时丢弃（相当于 IPv4 的 TTL）。',
  },
  'ipv6.src': {
    en: 'Source address: the 128-bit IPv6 address of the interface that sent the packet, written as eight groups of hex digits (e.g. 2001:db8::1).',
    'zh-CN': '源地址：发送该数据包的接口的 128 位 IPv6 地址，写成 8 组十六进制数（如 2001:db8::1）。',
  },
  'ipv6.addr': {
    en: 'Computed by Wirelens (hidden), not a field of its own in the packet: matches either the source or the destination address, so ipv6.addr == 2001:db8::1 finds traffic in both directions.',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段，报文中并没有这样一个字段：它同时匹配源地址和目的地址，因此 ipv6.addr == 2001:db8::1 能找出该主机收发的全部数据包。',
  },
  'ipv6.src_host': {
    en: 'Computed by Wirelens (hidden): the source address as text, for string matching in filters, e.g. ipv6.src_host contains "2001:db8".',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的源地址，便于在过滤器中做字符串匹配，如 ipv6.src_host contains "2001:db8"。',
  },
  'ipv6.host': {
    en: 'Computed by Wirelens (hidden): the source or the destination address as text, so one string filter such as ipv6.host contains "fe80" matches either end.',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的源地址或目的地址，一个字符串过滤器（如 ipv6.host contains "fe80"）即可匹配任意一端。',
  },
  'ipv6.dst': {
    en: 'Destination address: the 128-bit IPv6 address the packet is going to; it may be a unicast, multicast (ff00::/8) or anycast address.',
    'zh-CN': '目的地址：数据包要送达的 128 位 IPv6 地址，可以是单播、多播（ff00::/8）或任播地址。',
  },
  'ipv6.dst_host': {
    en: 'Computed by Wirelens (hidden): the destination address as text, for string matching in filters, e.g. ipv6.dst_host contains "ff02".',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的目的地址，便于在过滤器中做字符串匹配，如 ipv6.dst_host contains "ff02"。',
  },
  'ipv6.plen_exceeds_framing': {
    en: 'Warning added by Wirelens: the Payload Length claims more bytes than the frame below actually carries, so the header is wrong or the packet was cut short.',
    'zh-CN': 'Wirelens 给出的警告：有效载荷长度声称的字节数多于下层帧实际携带的字节数，说明首部有误或数据包被截断。',
  },
  'ipv6.hopopts': {
    en: 'Hop-by-Hop Options header (Next Header 0): an extension header with options meant for every router along the path; when present it must directly follow the fixed header.',
    'zh-CN':
      '逐跳选项首部（下一个首部值为 0）：携带需要路径上每个路由器处理的选项的扩展首部；如果存在，必须紧跟在基本首部之后。',
  },
  'ipv6.hopopts.nxt': {
    en: 'Next header: the type of header that follows the Hop-by-Hop Options header, another extension header or the upper-layer protocol (same numbers as the IPv6 Next Header).',
    'zh-CN':
      '下一个首部：逐跳选项首部之后的首部类型，可以是另一个扩展首部或上层协议（取值与基本首部的下一个首部相同）。',
  },
  'ipv6.hopopts.len': {
    en: 'Header extension length: the size of the Hop-by-Hop Options header in 8-byte units, not counting the first 8 bytes (0 means 8 bytes, 1 means 16 bytes).',
    'zh-CN':
      '首部扩展长度：逐跳选项首部的长度，以 8 字节为单位，不计最前面的 8 字节（0 表示 8 字节，1 表示 16 字节）。',
  },
  'ipv6.hopopts.len_oct': {
    en: 'Computed by Wirelens, not carried as such: the whole Hop-by-Hop Options header length in bytes, (Length + 1) × 8.',
    'zh-CN': '由 Wirelens 计算得出，并非报文中的字段：逐跳选项首部的总长度（字节），即 (Length + 1) × 8。',
  },
  'ipv6.dstopts': {
    en: 'Destination Options header (Next Header 60): an extension header with options to be examined only by the destination node (or by each listed node, when placed before a routing header).',
    'zh-CN':
      '目的站选项首部（下一个首部值为 60）：携带只由目的节点处理的选项的扩展首部（若位于路由首部之前，则由路由首部列出的各个节点处理）。',
  },
  'ipv6.dstopts.nxt': {
    en: 'Next header: the type of header that follows the Destination Options header, another extension header or the upper-layer protocol (e.g. 6 TCP, 17 UDP).',
    'zh-CN': '下一个首部：目的站选项首部之后的首部类型，可以是另一个扩展首部或上层协议（如 6 TCP、17 UDP）。',
  },
  'ipv6.dstopts.len': {
    en: 'Header extension length: the size of the Destination Options header in 8-byte units, not counting the first 8 bytes (0 means 8 bytes).',
    'zh-CN': '首部扩展长度：目的站选项首部的长度，以 8 字节为单位，不计最前面的 8 字节（0 表示 8 字节）。',
  },
  'ipv6.dstopts.len_oct': {
    en: 'Computed by Wirelens, not carried as such: the whole Destination Options header length in bytes, (Length + 1) × 8.',
    'zh-CN': '由 Wirelens 计算得出，并非报文中的字段：目的站选项首部的总长度（字节），即 (Length + 1) × 8。',
  },
  'ipv6.opt': {
    en: 'One option of a Hop-by-Hop or Destination Options header, coded as type, length and data (TLV); the header holds as many as fit, padded to a multiple of 8 bytes.',
    'zh-CN':
      '逐跳选项首部或目的站选项首部中的一个选项，按“类型-长度-值”（TLV）编码；一个首部可包含多个选项，并填充到 8 字节的整数倍。',
  },
  'ipv6.opt.type': {
    en: 'Option type (8 bits): which option this is (0 Pad1, 1 PadN, 5 Router Alert, 0xc2 Jumbo Payload …); its top 3 bits also say how to handle it if unknown and whether it may change.',
    'zh-CN':
      '选项类型（8 位）：表示是哪种选项（0 Pad1、1 PadN、5 Router Alert、0xc2 Jumbo Payload 等）；其最高 3 位还规定了不认识该选项时如何处理以及选项数据能否在途中改变。',
  },
  'ipv6.opt.length': {
    en: 'Option data length in bytes, not counting the type and length bytes themselves (a PadN option of length 0 is 2 bytes long).',
    'zh-CN': '选项数据长度（字节），不包括类型和长度这两个字节本身（长度为 0 的 PadN 选项共占 2 字节）。',
  },
  'ipv6.opt.type.action': {
    en: 'Top 2 bits of the option type: what a node that does not know the option must do: 0 skip it, 1 drop the packet, 2 drop and send ICMPv6 Parameter Problem, 3 same unless multicast.',
    'zh-CN':
      '选项类型的最高 2 位：节点不认识该选项时应采取的动作：0 跳过该选项，1 丢弃数据包，2 丢弃并发送 ICMPv6 参数问题报文，3 同 2 但目的地址为多播时不发送。',
  },
  'ipv6.opt.type.change': {
    en: 'Third bit of the option type: set if the option data may change on the way to the destination; such data is treated as zeros when IPsec AH computes its integrity check.',
    'zh-CN':
      '选项类型的第 3 位：置 1 表示选项数据在传送途中可能改变；IPsec AH 计算完整性校验值时把这类数据当作全 0 处理。',
  },
  'ipv6.opt.type.rest': {
    en: 'Low 5 bits of the option type: the rest of the option number, after the action and may-change bits; together the 8 bits identify the option.',
    'zh-CN': '选项类型的低 5 位：除动作位和可变位之外剩下的选项编号部分；8 位合在一起才标识一种选项。',
  },
  'ipv6.opt.pad1': {
    en: 'Pad1 option: a single zero byte with no length or data fields, used to pad an options header by exactly one byte.',
    'zh-CN': 'Pad1 选项：只有一个全 0 字节，没有长度和数据字段，用于把选项首部恰好填充 1 个字节。',
  },
  'ipv6.opt.padn': {
    en: 'PadN option data: the padding bytes (normally zeros) of a PadN option, used to pad an options header by 2 or more bytes so that it ends on an 8-byte boundary.',
    'zh-CN':
      'PadN 选项的数据：PadN 选项中的填充字节（通常为 0），用于填充 2 个或更多字节，使选项首部长度为 8 字节的整数倍。',
  },
  'ipv6.opt.router_alert': {
    en: 'Router Alert option value (RFC 2711): asks every router on the path to look inside the packet even though it is not addressed to it; 0 = MLD, 1 = RSVP, 2 = Active Networks.',
    'zh-CN':
      '路由器告警选项的值（RFC 2711）：要求路径上的每个路由器检查该数据包的内容，即使数据包不是发给它的；0 表示 MLD，1 表示 RSVP，2 表示 Active Networks。',
  },
  'ipv6.opt.jumbo': {
    en: 'Jumbo Payload option (RFC 2675): the real payload length in bytes (32 bits) of a jumbogram bigger than 65,535 bytes; the Payload Length of the fixed header is then 0.',
    'zh-CN':
      '超大有效载荷（Jumbo Payload）选项（RFC 2675）：长度超过 65535 字节的超大报文的实际有效载荷长度（32 位，单位为字节）；此时基本首部的有效载荷长度为 0。',
  },
  'ipv6.opt.tel': {
    en: 'Tunnel Encapsulation Limit option (RFC 2473): how many further levels of tunnel encapsulation the packet may still go through; stops packets from being nested without end.',
    'zh-CN': '隧道封装限制选项（RFC 2473）：该数据包还允许再被隧道封装多少层，用来防止数据包被无限嵌套封装。',
  },
  'ipv6.opt.unknown': {
    en: 'The data bytes of an option Wirelens does not decode (or whose length is not the expected one), shown raw.',
    'zh-CN': 'Wirelens 未解析的选项（或长度不符合预期的选项）的数据字节，按原始字节显示。',
  },
  'ipv6.routing': {
    en: 'Routing header (Next Header 43): an extension header listing intermediate nodes the packet must visit on its way (type 2 for Mobile IPv6, 3 for RPL, 4 for SRv6 segment routing).',
    'zh-CN':
      '路由首部（下一个首部值为 43）：列出数据包在途中必须经过的中间节点的扩展首部（类型 2 用于移动 IPv6，3 用于 RPL，4 用于 SRv6 分段路由）。',
  },
  'ipv6.routing.nxt': {
    en: 'Next header: the type of header that follows the Routing header, another extension header or the upper-layer protocol (same numbers as the IPv6 Next Header).',
    'zh-CN': '下一个首部：路由首部之后的首部类型，可以是另一个扩展首部或上层协议（取值与基本首部的下一个首部相同）。',
  },
  'ipv6.routing.len': {
    en: 'Header extension length: the size of the Routing header in 8-byte units, not counting the first 8 bytes (a type 2 header with one address has 2, i.e. 24 bytes).',
    'zh-CN':
      '首部扩展长度：路由首部的长度，以 8 字节为单位，不计最前面的 8 字节（只含一个地址的类型 2 路由首部为 2，即 24 字节）。',
  },
  'ipv6.routing.len_oct': {
    en: 'Computed by Wirelens, not carried as such: the whole Routing header length in bytes, (Length + 1) × 8.',
    'zh-CN': '由 Wirelens 计算得出，并非报文中的字段：路由首部的总长度（字节），即 (Length + 1) × 8。',
  },
  'ipv6.routing.type': {
    en: 'Routing type: which variant of routing header this is, defining the format of its data (0 source route, deprecated; 2 Mobile IPv6; 3 RPL; 4 Segment Routing).',
    'zh-CN':
      '路由类型：表示是哪一种路由首部，并决定其数据部分的格式（0 为源路由，已废弃；2 为移动 IPv6；3 为 RPL；4 为分段路由）。',
  },
  'ipv6.routing.segleft': {
    en: 'Segments left: how many listed intermediate nodes are still to be visited before the final destination; each listed node lowers it by 1, and 0 means the last one is reached.',
    'zh-CN':
      '剩余段数：在到达最终目的地之前还要经过多少个列出的中间节点；每经过一个列出的节点减 1，为 0 表示已到达最后一个。',
  },
  'ipv6.routing.data': {
    en: 'The type-specific part of the Routing header after its first 4 bytes, e.g. reserved bytes and the list of addresses to visit.',
    'zh-CN': '路由首部前 4 个字节之后与路由类型相关的数据部分，例如保留字节和需要经过的地址列表。',
  },
  'ipv6.fraghdr': {
    en: 'Fragment header (Next Header 44): added by the source, never by routers, when a packet is too big for the path MTU and is sent as several fragments.',
    'zh-CN':
      '分片首部（下一个首部值为 44）：当数据包超过路径 MTU、需要分成多个分片发送时，由源点加上（IPv6 中路由器不分片）。',
  },
  'ipv6.fraghdr.nxt': {
    en: 'Next header: the type of header that follows the Fragment header in the original packet, e.g. 17 UDP or 58 ICMPv6; the same in every fragment.',
    'zh-CN': '下一个首部：原始数据包中分片首部之后的首部类型，如 17 UDP 或 58 ICMPv6；每个分片中都相同。',
  },
  'ipv6.fraghdr.reserved_octet': {
    en: 'Reserved byte right after Next Header in the Fragment header: set to 0 by the sender and ignored by the receiver.',
    'zh-CN': '分片首部中紧跟下一个首部字段的保留字节：发送方置为 0，接收方忽略。',
  },
  'ipv6.fraghdr.offset': {
    en: "Fragment offset (13 bits): where this fragment's data starts within the original packet's fragmentable part, in 8-byte units (the bytes value is shown beside it); 0 in the first fragment.",
    'zh-CN':
      '片偏移（13 位）：本分片数据在原始数据包可分片部分中的起始位置，以 8 字节为单位（旁边同时显示换算后的字节数）；第一个分片为 0。',
  },
  'ipv6.fraghdr.reserved_bits': {
    en: 'The 2 reserved bits between the fragment offset and the M flag: set to 0 by the sender and ignored by the receiver.',
    'zh-CN': '片偏移与 M 标志之间的 2 个保留位：发送方置为 0，接收方忽略。',
  },
  'ipv6.fraghdr.more': {
    en: 'M flag (More Fragments): 1 means more fragments of the same packet follow, 0 means this is the last fragment.',
    'zh-CN': 'M 标志（更多分片）：为 1 表示同一数据包后面还有分片，为 0 表示这是最后一个分片。',
  },
  'ipv6.fraghdr.ident': {
    en: 'Identification (32 bits): chosen by the source and the same in all fragments of one packet; with the source and destination addresses it tells the receiver which fragments belong together.',
    'zh-CN':
      '标识（32 位）：由源点选定，同一数据包的所有分片中都相同；接收方结合源地址和目的地址据此判断哪些分片属于同一个数据包。',
  },
  'ipv6.fragments': {
    en: 'Computed by Wirelens: the list of all fragments (by frame number and byte range) that were put together to rebuild this packet, shown in the frame where reassembly finished.',
    'zh-CN': '由 Wirelens 计算得出：组成该重组数据包的所有分片列表（按帧号和字节范围列出），显示在完成重组的那一帧中。',
  },
  'ipv6.fragment': {
    en: 'Computed by Wirelens: the frame number of one fragment used in the reassembly, with the byte range it supplied; e.g. ipv6.fragment == 12 finds the packet frame 12 helped rebuild.',
    'zh-CN':
      '由 Wirelens 计算得出：参与重组的一个分片所在的帧号及其提供的字节范围；例如 ipv6.fragment == 12 可找到第 12 帧参与重组的那个数据包。',
  },
  'ipv6.fragment.count': {
    en: 'Computed by Wirelens: how many fragments were put together to rebuild the original packet.',
    'zh-CN': '由 Wirelens 计算得出：重组原始数据包一共用了多少个分片。',
  },
  'ipv6.reassembled_in': {
    en: 'Computed by Wirelens, shown on a fragment: the number of the frame in which the whole packet was reassembled (the frame that brought its last missing part).',
    'zh-CN': '由 Wirelens 计算得出，显示在分片上：完整数据包在哪一帧中完成重组（即补齐最后缺失部分的那一帧）。',
  },
  'ipv6.reassembled.length': {
    en: "Computed by Wirelens: the length in bytes of the reassembled data, i.e. the original packet's contents after the Fragment header, without the IPv6 header.",
    'zh-CN': '由 Wirelens 计算得出：重组后数据的长度（字节），即原始数据包中分片首部之后的内容，不含 IPv6 首部。',
  },
};
