// IPv4 fields: what each means, in every language of the UI.
import type { FieldTexts } from './types';

export const ipFields: FieldTexts = {
  ip: {
    en: 'Internet Protocol version 4 (RFC 791): the network-layer protocol that carries datagrams between hosts using 32-bit addresses, hop by hop through routers, with a 20- to 60-byte header.',
    'zh-CN':
      '网际协议第 4 版（IPv4，RFC 791）：网络层协议，使用 32 位地址，经由路由器逐跳转发数据报，首部长度为 20～60 字节。',
  },
  'ip.version': {
    en: 'IP version number, the first 4 bits of the header: always 4 for IPv4. A receiver reads it first to tell IPv4 packets from IPv6 ones (version 6).',
    'zh-CN': '版本：首部最前面的 4 位，IPv4 中总是 4。接收方首先读取它，以区分 IPv4 数据报与 IPv6 数据报（版本为 6）。',
  },
  'ip.hdr_len': {
    en: 'Header length, shown in bytes. The 4-bit field counts 32-bit words (5 = 20 bytes, the minimum; 15 = 60 bytes); more than 20 bytes means options follow the fixed header.',
    'zh-CN':
      '首部长度，这里以字节显示。该 4 位字段的单位是 32 位字（4 字节）：5 表示 20 字节（最小值），15 表示 60 字节；超过 20 字节说明固定首部后面还有选项。',
  },
  'ip.dsfield': {
    en: 'Differentiated Services field (8 bits, once called Type of Service, TOS): the 6-bit DSCP, which asks for a quality-of-service class, followed by the 2-bit ECN.',
    'zh-CN':
      '区分服务（DS）字段，共 8 位（旧称服务类型 TOS）：高 6 位为 DSCP，用于请求某种服务质量等级；低 2 位为 ECN。',
  },
  'ip.dsfield.dscp': {
    en: 'Differentiated Services Code Point, the upper 6 bits of the DS field (RFC 2474): selects how routers treat the packet (0 = default best effort, 46 = EF for voice, AF and CS classes …).',
    'zh-CN':
      '区分服务码点（DSCP，RFC 2474），DS 字段的高 6 位：指明路由器应如何对待该数据报（0 为默认的尽力而为，46 为 EF 加速转发，常用于语音，另有 AF、CS 等类别）。',
  },
  'ip.dsfield.ecn': {
    en: 'Explicit Congestion Notification, the low 2 bits of the DS field (RFC 3168): 0 = not ECN-capable, 1 or 2 = ECN-capable transport, 3 = congestion experienced (set by a router).',
    'zh-CN':
      '显式拥塞通知（ECN，RFC 3168），DS 字段的低 2 位：0 表示不支持 ECN，1 或 2 表示传输层支持 ECN，3 表示经历了拥塞（由路由器置位，代替丢包）。',
  },
  'ip.len': {
    en: 'Total length of the datagram in bytes, header plus data (at most 65535). Bytes after it in the frame, such as Ethernet padding, are not part of the datagram.',
    'zh-CN':
      '总长度：整个数据报（首部加数据）的字节数，最大 65535。帧中超出该长度的字节（如以太网填充）不属于该数据报。',
  },
  'ip.id': {
    en: 'Identification: a 16-bit number set by the sender; all fragments of a datagram share it, so with the addresses and protocol it links them for reassembly. Unfragmented DF datagrams may use any value (RFC 6864).',
    'zh-CN':
      '标识：发送方设定的 16 位编号；同一数据报的所有分片标识相同，接收方据此（连同地址和协议）把分片重新组装起来。设置了 DF 且未分片的数据报可使用任意值（RFC 6864）。',
  },
  'ip.flags': {
    en: 'Flags (3 bits) that control fragmentation: a reserved bit, DF (do not fragment) and MF (more fragments).',
    'zh-CN': '标志：控制分片的 3 位，依次为保留位、不分片（DF）和更多分片（MF）。',
  },
  'ip.flags.rb': {
    en: 'Reserved flag bit: must be 0. A 1 here is non-standard (RFC 3514 jokingly named it the "evil bit").',
    'zh-CN': '保留位：必须为 0。此位为 1 不符合标准（RFC 3514 曾戏称它为“邪恶位”）。',
  },
  'ip.flags.df': {
    en: 'Don\'t Fragment: when 1, routers must not fragment the datagram; if it is too big for the next link they drop it and send back ICMP "fragmentation needed", which Path MTU Discovery relies on.',
    'zh-CN':
      '不分片（DF）：为 1 时路由器不得对数据报分片；若数据报超过下一段链路的 MTU，就丢弃它并回送 ICMP“需要分片”差错报文，路径 MTU 发现正是依靠这一机制。',
  },
  'ip.flags.mf': {
    en: 'More Fragments: 1 means further fragments of the same datagram follow; 0 in the last fragment and in a datagram that was never fragmented.',
    'zh-CN': '更多分片（MF）：为 1 表示后面还有同一数据报的分片；最后一个分片以及未分片的数据报中为 0。',
  },
  'ip.frag_offset': {
    en: "Fragment offset: where this fragment's data starts within the original datagram's data. The 13-bit field counts 8-byte units; it is shown in bytes (field × 8). 0 in the first fragment.",
    'zh-CN':
      '片偏移：该分片的数据在原数据报数据部分中的起始位置。这个 13 位字段以 8 字节为单位，这里显示为字节数（字段值 × 8）。第一个分片的片偏移为 0。',
  },
  'ip.ttl': {
    en: 'Time to live: how many more routers may forward the packet; each one lowers it by 1 and drops the packet at 0 (what traceroute uses).',
    'zh-CN':
      '生存时间（TTL）：数据报还能经过多少个路由器；每经过一个路由器减 1，减到 0 时被丢弃（traceroute 正是利用这一点）。',
  },
  'ip.proto': {
    en: 'Protocol: the number of the protocol carried in the data part, e.g. 1 = ICMP, 6 = TCP, 17 = UDP (IANA numbers); tells the receiver which layer to hand the data to.',
    'zh-CN':
      '协议：数据部分所承载协议的编号（IANA 分配），如 1 为 ICMP，6 为 TCP，17 为 UDP；接收方据此把数据交给相应的上层协议处理。',
  },
  'ip.checksum': {
    en: "Header checksum: the one's-complement of the one's-complement sum of the header's 16-bit words. It covers the header only, not the data, and is recomputed at every hop since the TTL changes.",
    'zh-CN':
      '首部检验和：对首部各 16 位字做反码求和后再取反。它只检验首部、不检验数据，并且由于 TTL 每跳都变，每个路由器都要重新计算。',
  },
  'ip.checksum.status': {
    en: 'Computed by Wirelens, not carried in the packet: the result of checking the header checksum (Good, Bad, or Unverified when checking is off, as it is by default).',
    'zh-CN':
      '由 Wirelens 计算得出，并非报文中的字段：首部检验和的校验结果（Good 正确、Bad 错误；未开启校验时为 Unverified，默认即不校验）。',
  },
  'ip.src': {
    en: 'Source address: the 32-bit IPv4 address of the host that sent the datagram (after NAT, the address the translator put there).',
    'zh-CN': '源地址：发送该数据报的主机的 32 位 IPv4 地址（经过 NAT 后则是地址转换设备改写后的地址）。',
  },
  'ip.addr': {
    en: 'Computed by Wirelens, not a separate field in the packet: matches either the source or the destination address, so ip.addr == 10.0.0.1 finds traffic in both directions.',
    'zh-CN':
      '由 Wirelens 生成，并非报文中单独的字段：可匹配源地址或目的地址中的任意一个，因此 ip.addr == 10.0.0.1 能找出该主机收发两个方向的流量。',
  },
  'ip.src_host': {
    en: 'Computed by Wirelens (hidden): the source address as text, for string matching in filters, e.g. ip.src_host contains "192.168.".',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的源地址，便于在过滤器中做字符串匹配，如 ip.src_host contains "192.168."。',
  },
  'ip.host': {
    en: 'Computed by Wirelens (hidden): the source or the destination address as text; a filter on ip.host matches if either one does, like ip.addr but for string matching.',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的源地址或目的地址；过滤 ip.host 时只要其中一个匹配即可，类似 ip.addr，但用于字符串匹配。',
  },
  'ip.dst': {
    en: 'Destination address: the 32-bit IPv4 address of the final receiver. With a source-route option, the final address listed in the option is shown here instead of the next hop.',
    'zh-CN':
      '目的地址：最终接收方的 32 位 IPv4 地址。如果带有源路由选项，这里显示选项中列出的最终目的地址，而不是下一跳地址。',
  },
  'ip.dst_host': {
    en: 'Computed by Wirelens (hidden): the destination address as text, for string matching in filters, e.g. ip.dst_host contains "10.1.".',
    'zh-CN':
      '由 Wirelens 生成的隐藏字段：以文本形式表示的目的地址，便于在过滤器中做字符串匹配，如 ip.dst_host contains "10.1."。',
  },
  'ip.cur_rt': {
    en: "The header's destination field when a loose or strict source-route option is present: there it holds the next router on the listed route, not the final destination (shown as ip.dst).",
    'zh-CN':
      '当前路由：存在宽松或严格源路由选项时，首部“目的地址”字段中的值。此时它是所列路由中的下一个路由器，而非最终目的地址（最终目的地址显示为 ip.dst）。',
  },
  'ip.options': {
    en: 'Options: 0 to 40 bytes after the fixed 20-byte header (present when the header length is over 20), such as Record Route, Timestamp or Router Alert; padded to a multiple of 4 bytes.',
    'zh-CN':
      '选项：位于 20 字节固定首部之后的 0～40 字节（首部长度大于 20 时才有），如记录路由、时间戳、路由器告警等；用填充补齐到 4 字节的整数倍。',
  },
  'ip.opt.type': {
    en: 'Option type byte: which option this is. It packs the copy flag (1 bit), the class (2 bits) and the number (5 bits); e.g. 0 = End of Options List, 1 = No Operation, 7 = Record Route.',
    'zh-CN':
      '选项类型字节：表示是哪种选项。它由复制标志（1 位）、类别（2 位）和编号（5 位）组成；如 0 为选项表结束，1 为无操作，7 为记录路由。',
  },
  'ip.opt.type.copy': {
    en: 'Copied flag, top bit of the option type: 1 means the option must be copied into every fragment when the datagram is fragmented; 0 means only the first fragment keeps it.',
    'zh-CN':
      '复制标志，选项类型的最高位：为 1 表示数据报分片时该选项必须复制到每个分片中；为 0 表示只保留在第一个分片中。',
  },
  'ip.opt.type.class': {
    en: 'Option class, the 2 bits after the copy flag in the option type: 0 = control, 2 = debugging and measurement (e.g. Timestamp); 1 and 3 are reserved.',
    'zh-CN': '选项类别，选项类型中紧随复制标志的 2 位：0 为控制类，2 为调试与测量类（如时间戳）；1 和 3 保留未用。',
  },
  'ip.opt.type.number': {
    en: 'Option number, the low 5 bits of the option type: identifies the option within its class, e.g. 3 = loose source route, 9 = strict source route, 4 (class 2) = timestamp.',
    'zh-CN':
      '选项编号，选项类型的低 5 位：在所属类别中标识具体选项，如 3 为宽松源路由，9 为严格源路由，类别 2 中的 4 为时间戳。',
  },
  'ip.opt.len': {
    en: 'Option length in bytes, counting the type and length bytes and the option data. The one-byte options End of List and No Operation have no length byte.',
    'zh-CN': '选项长度：以字节计，包括类型字节、长度字节和选项数据。单字节的“选项表结束”和“无操作”选项没有长度字节。',
  },
  'ip.opt.ptr': {
    en: 'Pointer: the byte position inside the option (counting from 1 at the type byte) of the next free slot for an address or time stamp; once it passes the length, the option is full.',
    'zh-CN':
      '指针：指出选项中下一个可填入地址或时间戳的空位所在的字节位置（从类型字节算起为 1）；指针超过选项长度时表示该选项已填满。',
  },
  'ip.opt.rec_rt': {
    en: 'Record Route slot: an address written by a router that forwarded the datagram (the address of its outgoing interface); 0.0.0.0 marks a slot still empty.',
    'zh-CN': '记录路由中的一项：转发该数据报的路由器所写入的地址（即其转发出口的地址）；0.0.0.0 表示尚未使用的空位。',
  },
  'ip.opt.src_rt': {
    en: 'An address of a source route chosen by the sender: strict routing must visit exactly these routers in order; loose routing must pass them but may use others in between.',
    'zh-CN':
      '源路由中的一个地址，由发送方指定：严格源路由必须依次且只能经过这些路由器；宽松源路由必须经过这些路由器，但中间可以经过其他路由器。',
  },
  'ip.opt.ra': {
    en: 'Router Alert value (RFC 2113): asks every router on the path to examine the packet even though it is not addressed to it (used by RSVP and IGMP); 0 = router shall examine the packet.',
    'zh-CN':
      '路由器告警值（RFC 2113）：要求路径上的每个路由器都检查该数据报，即使它不是发给该路由器的（RSVP、IGMP 会使用）；0 表示路由器应检查该数据报。',
  },
  'ip.opt.ts_overflow': {
    en: 'Timestamp overflow (4 bits): how many routers could not add their time stamp because the option had no room left.',
    'zh-CN': '时间戳溢出计数（4 位）：由于选项中已无空位而未能记录时间戳的路由器个数。',
  },
  'ip.opt.ts_flg': {
    en: 'Timestamp flag (4 bits): what routers record: 0 = time stamps only, 1 = each router writes its address and a time stamp, 3 = only the pre-listed addresses add a time stamp.',
    'zh-CN':
      '时间戳标志（4 位）：规定路由器记录什么：0 表示只记时间戳，1 表示每个路由器写入自己的地址和时间戳，3 表示只有预先列出的地址才填写时间戳。',
  },
  'ip.opt.time_stamp_addr': {
    en: 'Timestamp option address: the router that recorded the following time stamp (flag 1), or one of the addresses listed in advance by the sender (flag 3).',
    'zh-CN': '时间戳选项中的地址：记录了其后时间戳的路由器地址（标志为 1），或由发送方预先指定的地址（标志为 3）。',
  },
  'ip.opt.time_stamp': {
    en: 'Time stamp (32 bits): milliseconds since midnight Universal Time when a router handled the datagram; a value with the top bit set is in some non-standard unit.',
    'zh-CN': '时间戳（32 位）：路由器处理该数据报时距世界时午夜的毫秒数；最高位置 1 表示采用非标准的时间值。',
  },
  'ip.opt.sid': {
    en: 'Stream Identifier option (type 136): a 16-bit stream ID once used to carry SATNET stream identifiers through networks that did not support them; obsolete (RFC 6814).',
    'zh-CN':
      '流标识选项（类型 136）：16 位的流标识，早年用于在不支持流概念的网络中传送 SATNET 流标识；现已废弃（RFC 6814）。',
  },
  'ip.opt.sec_cl': {
    en: 'Classification level of the IP Security option (RFC 1108, used by military networks): the sensitivity of the data, e.g. 0x3D = Top Secret, 0x5A = Secret, 0xAB = Unclassified.',
    'zh-CN':
      'IP 安全选项中的密级（RFC 1108，用于军用网络）：表示数据的敏感程度，如 0x3D 为绝密，0x5A 为机密，0xAB 为非密。',
  },
  'ip.opt.data': {
    en: 'The data bytes of an option, shown raw because Wirelens does not decode that option field by field (or the rest of a Security option after its level).',
    'zh-CN': '选项的数据字节：Wirelens 未逐字段解析该选项，因此按原始字节显示（或安全选项中密级之后的其余部分）。',
  },
  'ip.opt.padding': {
    en: 'Padding: bytes after the End of Options List option that fill the header up to a multiple of 4 bytes, as the header length counts 32-bit words; should be zero.',
    'zh-CN':
      '填充：位于“选项表结束”之后的字节，把首部补齐到 4 字节的整数倍（因为首部长度以 32 位字为单位）；应全为 0。',
  },
  'ip.fragments': {
    en: 'Computed by Wirelens: the list of all fragments (by frame number and byte range) that were put together to rebuild this datagram, shown in the frame where reassembly finished.',
    'zh-CN': '由 Wirelens 计算得出：重组该数据报所用到的全部分片的列表（帧号及字节范围），显示在完成重组的那一帧中。',
  },
  'ip.fragment': {
    en: 'Computed by Wirelens: the frame number of one fragment used in the reassembly, with the byte range it supplied; e.g. ip.fragment == 12 finds the datagram frame 12 helped rebuild.',
    'zh-CN':
      '由 Wirelens 计算得出：参与重组的一个分片所在的帧号及其提供的字节范围；例如 ip.fragment == 12 可找到第 12 帧参与重组的那个数据报。',
  },
  'ip.fragment.count': {
    en: 'Computed by Wirelens: how many fragments were put together to rebuild the original datagram.',
    'zh-CN': '由 Wirelens 计算得出：重组原数据报时共用了多少个分片。',
  },
  'ip.reassembled_in': {
    en: 'Computed by Wirelens, shown on a fragment: the number of the frame in which the whole datagram was reassembled (the frame that brought its last missing part).',
    'zh-CN': '由 Wirelens 计算得出，显示在分片上：整个数据报在哪一帧中完成重组（即带来最后一个缺失部分的那一帧）。',
  },
  'ip.reassembled.length': {
    en: "Computed by Wirelens: the length in bytes of the reassembled data, i.e. the original datagram's data part without the IPv4 header.",
    'zh-CN': '由 Wirelens 计算得出：重组后数据的字节数，即原数据报的数据部分，不含 IPv4 首部。',
  },
  'ip.reassembled.data': {
    en: 'Computed by Wirelens: the data of a fragmented datagram put back together from all its fragments, in offset order, as one block of bytes.',
    'zh-CN': '由 Wirelens 计算得出：把分片数据报的所有分片按片偏移顺序拼接后得到的完整数据，作为一整块字节显示。',
  },
  'ip.bogus_ip_length': {
    en: 'Computed by Wirelens (expert info), not a packet field: the Total Length is impossible, smaller than the header length or larger than the bytes the packet really holds.',
    'zh-CN':
      '由 Wirelens 生成的专家信息，并非报文中的字段：总长度不合理，即小于首部长度，或大于该数据包实际含有的字节数。',
  },
  'ip.bogus_ip_version': {
    en: 'Computed by Wirelens (expert info), not a packet field: the version nibble of a packet handed to IPv4 is not 4; if it is 6, the packet is decoded as IPv6 instead.',
    'zh-CN':
      '由 Wirelens 生成的专家信息，并非报文中的字段：交给 IPv4 解析的数据包版本字段不是 4；若为 6，则改按 IPv6 解析。',
  },
};
