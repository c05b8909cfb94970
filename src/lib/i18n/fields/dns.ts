// DNS fields: what each means, in every language of the UI.
import type { FieldTexts } from './types';

export const dnsFields: FieldTexts = {
  dns: {
    en: 'Domain Name System: the protocol that translates domain names into IP addresses and other records; queries and responses usually travel over UDP port 53, large ones over TCP port 53.',
    'zh-CN':
      '域名系统（DNS）：把域名解析为 IP 地址及其他资源记录的应用层协议，查询和应答通常经 UDP 端口 53 传送，报文较大时改用 TCP 端口 53。',
  },
  'dns.length': {
    en: 'Only over TCP: the 2-byte length placed before each DNS message, giving the size in bytes of the message that follows, since TCP itself keeps no message boundaries.',
    'zh-CN':
      '仅在经 TCP 传输时出现：每个 DNS 报文前的 2 字节长度字段，表示其后报文的字节数，因为 TCP 本身不保留报文边界。',
  },
  'dns.id': {
    en: 'Transaction ID chosen by the client; the answer carries the same ID, which is how a response is matched to its query.',
    'zh-CN': '事务 ID：由客户端选定，应答中带回相同的 ID，据此把响应与查询对应起来。',
  },
  'dns.flags': {
    en: 'The 16-bit flags word of the header, holding the QR, Opcode, AA, TC, RD, RA, Z, AD and CD bits and the reply code (RCODE); expand it to see each bit.',
    'zh-CN':
      '首部中 16 位的标志字段，包含 QR、Opcode、AA、TC、RD、RA、Z、AD、CD 各标志位和响应码 RCODE；展开可查看每一位的含义。',
  },
  'dns.flags.response': {
    en: 'QR bit: 0 if the message is a query, 1 if it is a response. For example, the filter dns.flags.response == 0 shows only the queries.',
    'zh-CN': 'QR 位：0 表示查询报文，1 表示应答报文。例如过滤器 dns.flags.response == 0 只显示查询。',
  },
  'dns.flags.opcode': {
    en: 'Opcode (4 bits): the kind of request, set by the client and copied into the response: 0 standard query, 4 NOTIFY (zone changed), 5 dynamic UPDATE. Almost always 0.',
    'zh-CN':
      '操作码 Opcode（4 位）：表示请求的种类，由发起方设置并在应答中原样带回：0 为标准查询，4 为 NOTIFY（区域变更通知），5 为动态更新 UPDATE。绝大多数情况下为 0。',
  },
  'dns.flags.authoritative': {
    en: 'AA bit, in responses: set when the responding server is authoritative for the queried name (it holds that zone); clear when the answer comes from a resolver cache.',
    'zh-CN':
      'AA 位（仅在应答中）：置 1 表示应答服务器是所查域名的权威服务器（该区域由它管理），即权威应答；为 0 表示应答来自解析器缓存等非权威来源。',
  },
  'dns.flags.conflict': {
    en: 'LLMNR only (same bit as AA in DNS): in a response, set when the responder does not consider the name unique; in a query it reports that several responses were received.',
    'zh-CN':
      '仅用于 LLMNR（与 DNS 的 AA 位位置相同）：在应答中置 1 表示应答方认为该名字不唯一；在查询中置 1 表示发送方收到了多个应答，即存在名字冲突。',
  },
  'dns.flags.truncated': {
    en: 'TC bit: set when the message was cut short because it did not fit (512 bytes over UDP without EDNS, or the size given in EDNS); the client should then repeat the query over TCP.',
    'zh-CN':
      'TC 位（截断）：置 1 表示报文超出长度限制（未使用 EDNS 时 UDP 为 512 字节，或 EDNS 声明的大小）而被截断，客户端应改用 TCP 重新查询。',
  },
  'dns.flags.recdesired': {
    en: 'RD bit, set by the client and copied into the response: asks the server to resolve the name recursively, following the chain of servers itself, rather than return a referral.',
    'zh-CN':
      'RD 位（期望递归）：由客户端设置并在应答中原样带回，请求服务器进行递归查询，即由服务器自己逐级查询直至得到最终结果，而不是只返回下一级服务器的指引（迭代查询）。',
  },
  'dns.flags.tentative': {
    en: 'LLMNR only (same bit as RD in DNS): set in a response when the responder is authoritative for the name but has not yet verified that the name is unique; ignored in queries.',
    'zh-CN':
      '仅用于 LLMNR（与 DNS 的 RD 位位置相同）：在应答中置 1 表示应答方对该名字是权威的，但尚未确认名字的唯一性；查询中的该位被忽略。',
  },
  'dns.flags.recavail': {
    en: 'RA bit, in responses: set when the server offers recursive queries. A query with RD set answered with RA clear means this server does not recurse (e.g. an authoritative-only server).',
    'zh-CN':
      'RA 位（递归可用，仅在应答中）：置 1 表示服务器支持递归查询。若查询设置了 RD 而应答中 RA 为 0，说明该服务器不提供递归（如只做权威解析的服务器）。',
  },
  'dns.flags.z': {
    en: 'Reserved bit (0x0040 of the flags), which must be zero in queries and responses. The two other bits that RFC 1035 reserved are now the DNSSEC bits AD and CD.',
    'zh-CN':
      '保留位（标志字段中的 0x0040 位），在查询和应答中都必须为 0。RFC 1035 保留的另外两位现已用作 DNSSEC 的 AD 和 CD 位。',
  },
  'dns.flags.ad': {
    en: 'AD bit in a query (shown only when set): the client asks the server to say, through the AD bit of the response, whether the data was validated with DNSSEC (RFC 6840).',
    'zh-CN':
      '查询中的 AD 位（仅在置 1 时显示）：客户端请求服务器通过应答中的 AD 位告知数据是否已通过 DNSSEC 验证（RFC 6840）。',
  },
  'dns.flags.authenticated': {
    en: 'AD bit in a response (RFC 4035): set when the validating server has verified all data of the answer and authority sections with DNSSEC; 0 if unsigned or not checked.',
    'zh-CN':
      '应答中的 AD 位（已认证数据，RFC 4035）：置 1 表示执行验证的服务器已用 DNSSEC 验证了回答部分和授权部分的全部数据；为 0 表示数据未签名或未经验证。',
  },
  'dns.flags.checkdisable': {
    en: 'CD bit (Checking Disabled, RFC 4035): when set ("Acceptable"), the client accepts data not validated with DNSSEC, usually because it validates the answer itself.',
    'zh-CN':
      'CD 位（禁用检查，RFC 4035）：置 1（显示为 Acceptable）表示客户端接受未经 DNSSEC 验证的数据，要求服务器不做验证，通常因为客户端会自行验证。',
  },
  'dns.flags.rcode': {
    en: 'Reply code (RCODE, 4 bits, in responses): the outcome of the query: 0 NOERROR, 1 FORMERR, 2 SERVFAIL, 3 NXDOMAIN (the name does not exist), 4 NOTIMP, 5 REFUSED.',
    'zh-CN':
      '响应码 RCODE（4 位，仅在应答中）：表示查询的结果：0 无差错（NOERROR），1 格式错误（FORMERR），2 服务器失败（SERVFAIL），3 名字不存在（NXDOMAIN），4 未实现（NOTIMP），5 拒绝（REFUSED）。',
  },
  'dns.count.queries': {
    en: 'QDCOUNT: the number of entries in the Question section. A normal query and its response both carry exactly one question.',
    'zh-CN': '问题数 QDCOUNT：问题部分中的条目数。普通查询及其应答中都恰好为 1。',
  },
  'dns.count.answers': {
    en: 'ANCOUNT: the number of resource records in the Answer section, the records that answer the question; 0 in a query and in a response that found no data.',
    'zh-CN':
      '回答记录数 ANCOUNT：回答部分中资源记录的个数，即对问题的直接回答；查询报文中为 0，查无数据的应答中也为 0。',
  },
  'dns.count.auth_rr': {
    en: 'NSCOUNT: the number of records in the Authority section: NS records of the servers to ask next (a referral), or the SOA of the zone when the name or data does not exist.',
    'zh-CN':
      '授权记录数 NSCOUNT：授权部分中资源记录的个数，通常是指向下一级权威服务器的 NS 记录，或在名字/数据不存在时给出的区域 SOA 记录。',
  },
  'dns.count.add_rr': {
    en: 'ARCOUNT: the number of records in the Additional section, e.g. addresses of the name servers listed in the Authority section (glue) and the EDNS OPT pseudo-record.',
    'zh-CN':
      '附加记录数 ARCOUNT：附加部分中资源记录的个数，例如授权部分所列域名服务器的地址（粘合记录）以及 EDNS 的 OPT 伪记录。',
  },
  'dns.qry.name': {
    en: 'The domain name asked about, e.g. www.example.com; for a reverse lookup a name under in-addr.arpa or ip6.arpa. A response repeats the question of its query.',
    'zh-CN':
      '问题中所查询的域名，如 www.example.com；反向查询时为 in-addr.arpa 或 ip6.arpa 下的名字。应答报文会原样带回查询中的问题部分。',
  },
  'dns.qry.name.len': {
    en: 'Length in characters of the queried name written as text (inner dots counted, no final dot); computed by Wirelens from the name, not a field carried in the packet.',
    'zh-CN':
      '所查询域名写成文本时的字符数（计入中间的点，不含末尾的点）；由 Wirelens 根据名字计算得出，并非报文中携带的字段。',
  },
  'dns.count.labels': {
    en: 'Number of labels (the dot-separated parts) in the queried name, e.g. 3 for www.example.com; computed by Wirelens from the name, not carried in the packet.',
    'zh-CN':
      '所查询域名中标号（以点分隔的各部分）的个数，如 www.example.com 为 3；由 Wirelens 根据名字计算得出，并非报文中携带的字段。',
  },
  'dns.qry.type': {
    en: 'QTYPE: which kind of record is asked for, e.g. A (1) for an IPv4 address, AAAA (28) for an IPv6 address, CNAME (5), PTR (12), MX (15), TXT (16) or ANY (255).',
    'zh-CN':
      '查询类型 QTYPE：所请求的资源记录类型，如 A（1）查 IPv4 地址、AAAA（28）查 IPv6 地址，以及 CNAME（5）、PTR（12）、MX（15）、TXT（16）、ANY（255）等。',
  },
  'dns.qry.class': {
    en: 'QCLASS, the class of the query: nearly always IN (1, Internet). CH (3, Chaos) appears in queries about the server itself, such as version.bind.',
    'zh-CN':
      '查询类 QCLASS：几乎总是 IN（1，Internet）；CH（3，Chaos）偶见于查询服务器自身信息的请求，如 version.bind。',
  },
  'dns.qry.qu': {
    en: 'mDNS only: the top bit of the question class. Set ("QU") when the querier asks for a unicast reply; clear ("QM") for the usual multicast reply (RFC 6762).',
    'zh-CN':
      '仅用于 mDNS：问题类字段的最高位。置 1（“QU”问题）表示请求以单播方式应答；为 0（“QM”）表示照常以组播方式应答（RFC 6762）。',
  },
  'dns.resp.name': {
    en: 'Owner name of a resource record: the domain name the record is about; in an answer usually the queried name, or the name a CNAME points to further down the chain.',
    'zh-CN':
      '资源记录的所有者名：该记录所描述的域名；在回答记录中通常就是所查询的名字，或是 CNAME 链中别名所指向的名字。',
  },
  'dns.resp.type': {
    en: 'TYPE of a resource record: what its data (RDATA) holds, e.g. A (1), NS (2), CNAME (5), SOA (6), MX (15), TXT (16), AAAA (28), or OPT (41) for the EDNS pseudo-record.',
    'zh-CN':
      '资源记录的类型 TYPE：决定记录数据（RDATA）的内容，如 A（1）、NS（2）、CNAME（5）、SOA（6）、MX（15）、TXT（16）、AAAA（28），OPT（41）则是 EDNS 伪记录。',
  },
  'dns.resp.class': {
    en: 'CLASS of a resource record: nearly always IN (1, Internet). An OPT record has no class: there the same two bytes give the UDP payload size.',
    'zh-CN': '资源记录的类 CLASS：几乎总是 IN（1，Internet）。OPT 记录没有类，该位置的两个字节改为表示 UDP 载荷大小。',
  },
  'dns.resp.cache_flush': {
    en: 'mDNS only: the top bit of the record class. When set, this is the complete, current set of such records: receivers drop older cached records of the same name, type and class (RFC 6762).',
    'zh-CN':
      '仅用于 mDNS：记录类字段的最高位。置 1 表示这是该类记录完整的最新集合，接收方应清除缓存中同名、同类型、同类的旧记录（RFC 6762）。',
  },
  'dns.resp.ttl': {
    en: 'Time to live: how many seconds the record may be kept in a cache before it must be looked up again; 0 means do not cache. Answers from a cache show the remaining time.',
    'zh-CN':
      '生存时间 TTL：该记录可以被缓存的秒数，到期后须重新查询；0 表示不得缓存。解析器从缓存中作答时给出的是剩余的 TTL。',
  },
  'dns.resp.len': {
    en: 'RDLENGTH: the length in bytes of the record data (RDATA) that follows, e.g. 4 for an A record and 16 for an AAAA record.',
    'zh-CN': '数据长度 RDLENGTH：其后记录数据（RDATA）的字节数，如 A 记录为 4，AAAA 记录为 16。',
  },
  'dns.a': {
    en: 'The IPv4 address in an A record: an address the owner name resolves to. A name with several addresses has one A record per address.',
    'zh-CN': 'A 记录中的 IPv4 地址，即所有者名解析得到的地址。一个名字有多个地址时，每个地址各有一条 A 记录。',
  },
  'dns.aaaa': {
    en: 'The 128-bit IPv6 address in an AAAA record (RFC 3596): an IPv6 address the owner name resolves to.',
    'zh-CN': 'AAAA 记录（RFC 3596）中的 128 位 IPv6 地址，即所有者名解析得到的 IPv6 地址。',
  },
  'dns.cname': {
    en: 'The canonical name in a CNAME record: the owner name is an alias of this name, and the lookup continues with it (the response often also holds its A/AAAA records).',
    'zh-CN':
      'CNAME 记录中的规范名：所有者名是该名字的别名，解析会改用这个名字继续进行（应答中通常随后给出它的 A/AAAA 记录）。',
  },
  'dns.ns': {
    en: 'Host name of a name server in an NS record: a server authoritative for the zone named by the owner name. Its address often comes in the Additional section.',
    'zh-CN': 'NS 记录中的域名服务器主机名：该服务器是所有者名所代表区域的权威服务器，其地址常在附加记录中给出。',
  },
  'dns.ptr.domain_name': {
    en: 'The domain name in a PTR record, most often the host name found by a reverse lookup of an address (owner name under in-addr.arpa or ip6.arpa).',
    'zh-CN': 'PTR 记录中的域名，最常见的是反向查询（所有者名位于 in-addr.arpa 或 ip6.arpa 之下）由地址查得的主机名。',
  },
  'dns.mx.preference': {
    en: 'Preference of an MX record: when a domain has several mail exchangers, senders try the one with the lowest value first.',
    'zh-CN': 'MX 记录的优先级（preference）：一个域有多个邮件交换服务器时，发件方先尝试数值最小的那个。',
  },
  'dns.mx.mail_exchange': {
    en: 'Host name of the mail server (mail exchanger) that accepts email for the owner domain; its address is found with a separate A/AAAA lookup.',
    'zh-CN':
      '邮件交换（MX）记录中的邮件服务器主机名，负责接收发往所有者域的电子邮件；其地址需另行通过 A/AAAA 查询获得。',
  },
  'dns.txt.length': {
    en: 'The length byte before each string of a TXT record: how many bytes of text follow (0 to 255). One TXT record may hold several such strings.',
    'zh-CN': 'TXT 记录中每个字符串前的长度字节，表示其后文本的字节数（0–255）。一条 TXT 记录可以包含多个这样的字符串。',
  },
  'dns.txt': {
    en: 'One text string of a TXT record: free-form text, widely used to prove ownership of a domain and for email policies such as SPF ("v=spf1 …") and DMARC.',
    'zh-CN': 'TXT 记录中的一个文本字符串：格式不限，常用于证明域名所有权以及 SPF（“v=spf1 …”）、DMARC 等邮件策略。',
  },
  'dns.soa.mname': {
    en: 'MNAME of an SOA record: the host name of the primary name server, the original source of the data of the zone.',
    'zh-CN': 'SOA 记录中的 MNAME：主域名服务器的主机名，即该区域数据的原始来源。',
  },
  'dns.soa.rname': {
    en: 'RNAME of an SOA record: the email address of the zone administrator written as a domain name, its first dot standing for @ (hostmaster.example.com = hostmaster@example.com).',
    'zh-CN':
      'SOA 记录中的 RNAME：区域管理员的电子邮件地址，以域名形式书写，第一个点代表 @（如 hostmaster.example.com 即 hostmaster@example.com）。',
  },
  'dns.soa.serial_number': {
    en: 'Version number of the zone, increased on every change; secondary servers compare it with their copy to decide whether to transfer the zone again.',
    'zh-CN':
      '区域的版本号（序列号），每次修改区域数据时增大；辅助服务器将其与本地副本比较，以决定是否重新进行区域传送。',
  },
  'dns.soa.refresh_interval': {
    en: 'Refresh interval, in seconds: how often secondary servers ask the primary whether the serial number has changed.',
    'zh-CN': '刷新间隔（秒）：辅助服务器每隔多久向主服务器检查一次序列号是否有变化。',
  },
  'dns.soa.retry_interval': {
    en: 'Retry interval, in seconds: how long a secondary server waits before trying again after a refresh check has failed.',
    'zh-CN': '重试间隔（秒）：辅助服务器刷新检查失败后，等待多久再重试。',
  },
  'dns.soa.expire_limit': {
    en: 'Expire limit, in seconds: if a secondary server cannot reach the primary for this long, it stops answering for the zone, as its copy may be out of date.',
    'zh-CN': '过期时限（秒）：辅助服务器若在这么长时间内一直联系不上主服务器，就认为数据可能已过时，不再为该区域作答。',
  },
  'dns.soa.minimum_ttl': {
    en: 'Last field of the SOA, in seconds: used today (RFC 2308) as the TTL of negative answers, i.e. how long resolvers cache the fact that a name or record does not exist.',
    'zh-CN':
      'SOA 记录的最后一个字段（秒）：按 RFC 2308 现用作否定应答的 TTL，即解析器缓存“名字或记录不存在”这一结果的时长。',
  },
  'dns.srv.priority': {
    en: 'Priority of an SRV record (RFC 2782): clients use the target with the lowest value first; targets with higher values are fallbacks.',
    'zh-CN': 'SRV 记录（RFC 2782）的优先级：客户端优先使用数值最小的目标主机，数值较大的作为备用。',
  },
  'dns.srv.weight': {
    en: 'Weight of an SRV record: among targets of the same priority, clients pick each in proportion to its weight, spreading the load; larger weights are chosen more often.',
    'zh-CN': 'SRV 记录的权重：在优先级相同的多个目标之间，客户端按权重比例选择以分担负载，权重越大被选中的机会越多。',
  },
  'dns.srv.port': {
    en: 'The TCP or UDP port on the target host where the service listens, e.g. 5060 for SIP or 389 for LDAP.',
    'zh-CN': 'SRV 记录中该服务在目标主机上监听的 TCP 或 UDP 端口，如 SIP 为 5060，LDAP 为 389。',
  },
  'dns.srv.target': {
    en: 'Host name of the server providing the service, to be resolved with A/AAAA; a target of "." means the service is decidedly not available at this domain.',
    'zh-CN': 'SRV 记录中提供该服务的主机名，需再通过 A/AAAA 查询其地址；若为“.”则表示该域明确不提供此服务。',
  },
  'dns.srv.service': {
    en: 'First label of an SRV owner name, the service by RFC 2782 (e.g. _sip in _sip._tcp.example.com); split out of the owner name by Wirelens for mDNS SRV records.',
    'zh-CN':
      'SRV 记录所有者名的第一个标号，按 RFC 2782 即服务名（如 _sip._tcp.example.com 中的 _sip）；由 Wirelens 从 mDNS SRV 记录的所有者名中拆分得到。',
  },
  'dns.srv.proto': {
    en: 'Second label of an SRV owner name: the transport protocol, _tcp or _udp (e.g. _tcp in _sip._tcp.example.com); split out of the owner name by Wirelens for mDNS SRV records.',
    'zh-CN':
      'SRV 记录所有者名的第二个标号，即传输协议 _tcp 或 _udp（如 _sip._tcp.example.com 中的 _tcp）；由 Wirelens 从 mDNS SRV 记录的所有者名中拆分得到。',
  },
  'dns.srv.name': {
    en: 'Rest of an SRV owner name after the service and protocol labels: the domain offering the service (example.com in _sip._tcp.example.com); split out by Wirelens for mDNS.',
    'zh-CN':
      'SRV 记录所有者名中服务和协议标号之后的部分，即提供该服务的域（如 _sip._tcp.example.com 中的 example.com）；由 Wirelens 从 mDNS SRV 记录中拆分得到。',
  },
  'dns.nsec.next_domain_name': {
    en: 'DNSSEC NSEC record (RFC 4034): the next name of the zone in canonical order. No name exists between the owner name and this one, which proves a name does not exist.',
    'zh-CN':
      'DNSSEC 中 NSEC 记录（RFC 4034）的下一个域名：按规范顺序排列时区域中的下一个名字。所有者名与它之间不存在任何名字，以此证明某个名字不存在。',
  },
  'dns.dname': {
    en: 'Target of a DNAME record (RFC 6672): redirects the whole subtree below the owner name to this name, like a CNAME for every name under it (but not the owner itself).',
    'zh-CN':
      'DNAME 记录（RFC 6672）的目标名：把所有者名之下的整个子树重定向到该名字，相当于为其下每个名字设置 CNAME（但不包括所有者名本身）。',
  },
  'dns.hinfo.cpu': {
    en: 'CPU string of an HINFO record: the hardware type of the host. Rarely published today; servers that decline ANY queries often answer with an HINFO whose CPU is "RFC8482".',
    'zh-CN':
      'HINFO 记录中的 CPU 字符串，表示主机的硬件类型。如今很少公开；拒绝 ANY 查询的服务器常以 CPU 为“RFC8482”的 HINFO 记录作答。',
  },
  'dns.hinfo.os': {
    en: 'OS string of an HINFO record: the operating system of the host. Rarely published today, since it gives information to attackers.',
    'zh-CN': 'HINFO 记录中的 OS 字符串，表示主机的操作系统。由于会给攻击者提供信息，如今很少公开。',
  },
  'dns.svcb.svcpriority': {
    en: 'SvcPriority of an SVCB or HTTPS record (RFC 9460): 0 means alias mode (TargetName is an alias); 1 or more means service mode, lower values preferred.',
    'zh-CN':
      'SVCB 或 HTTPS 记录（RFC 9460）的 SvcPriority：0 表示别名模式（TargetName 为别名）；1 及以上为服务模式，数值越小越优先。',
  },
  'dns.svcb.targetname': {
    en: 'TargetName of an SVCB or HTTPS record: the host that provides the service; in service mode "." means the owner name itself.',
    'zh-CN': 'SVCB 或 HTTPS 记录的 TargetName：提供该服务的主机名；在服务模式下为“.”表示就是所有者名本身。',
  },
  'dns.data': {
    en: 'Raw record data (RDATA) of a record type that Wirelens does not decode field by field, shown as bytes; its size is the Data length (dns.resp.len).',
    'zh-CN':
      'Wirelens 未逐字段解析的记录类型的原始记录数据（RDATA），以字节形式显示；其大小即数据长度字段 dns.resp.len。',
  },
  'dns.rr.udp_payload_size': {
    en: 'EDNS (RFC 6891): the CLASS field of the OPT record reused as the largest UDP message the sender can receive, e.g. 1232 or 4096, instead of the classic 512 bytes.',
    'zh-CN':
      'EDNS（RFC 6891）：OPT 记录中被改作他用的 CLASS 字段，表示发送方能够接收的最大 UDP 报文字节数，如 1232 或 4096，从而突破传统的 512 字节限制。',
  },
  'dns.resp.ext_rcode': {
    en: 'Upper 8 bits of the 12-bit extended reply code of EDNS (RFC 6891), placed before the 4-bit RCODE of the header; non-zero only for codes above 15, e.g. 16 BADVERS.',
    'zh-CN':
      'EDNS（RFC 6891）中 12 位扩展响应码的高 8 位，与首部中 4 位的 RCODE 拼接使用；只有响应码大于 15 时才非 0，如 16（BADVERS）。',
  },
  'dns.resp.edns0_version': {
    en: 'Version of EDNS the sender implements, currently always 0. A server that does not support the version of a query answers with the BADVERS code.',
    'zh-CN': '发送方所实现的 EDNS 版本，目前总是 0。若服务器不支持查询中的版本，会以 BADVERS 响应码应答。',
  },
  'dns.resp.z': {
    en: 'EDNS flags: the last 16 bits of the TTL field of the OPT record, of which only the top bit (DO) is defined; the other bits are reserved and must be zero.',
    'zh-CN': 'EDNS 标志：OPT 记录 TTL 字段的最后 16 位，其中只定义了最高位 DO，其余为保留位，必须为 0。',
  },
  'dns.resp.z.do': {
    en: 'DO (DNSSEC OK) bit, RFC 3225: set when the sender understands DNSSEC and wants the signatures (RRSIG) and other DNSSEC records included in the response.',
    'zh-CN': 'DO 位（DNSSEC OK，RFC 3225）：置 1 表示发送方支持 DNSSEC，希望应答中包含签名（RRSIG）等 DNSSEC 记录。',
  },
  'dns.resp.z.reserved': {
    en: 'The 15 EDNS flag bits after DO, reserved for future use: senders set them to zero and receivers ignore them.',
    'zh-CN': 'EDNS 标志中 DO 之后的 15 个保留位，留作将来使用：发送方置 0，接收方忽略。',
  },
  'dns.opt.cookie.client': {
    en: 'DNS Cookie option (code 10, RFC 7873): the 8-byte client cookie, a pseudo-random value sent by the client so it can recognise genuine responses and resist spoofing.',
    'zh-CN':
      'DNS Cookie 选项（代码 10，RFC 7873）中 8 字节的客户端 Cookie：客户端发送的伪随机值，用于识别真正的应答、抵御伪造。',
  },
  'dns.opt.cookie.server': {
    en: 'DNS Cookie option: the server cookie (8 to 32 bytes), computed by the server from the client cookie and address; the client returns it in later queries to that server.',
    'zh-CN':
      'DNS Cookie 选项中的服务器 Cookie（8–32 字节）：由服务器根据客户端 Cookie 和客户端地址计算得出，客户端在之后发往该服务器的查询中将其带回。',
  },
  'dns.opt': {
    en: 'One EDNS option inside the data of the OPT record: an option code, a length and the option data (e.g. COOKIE, Client Subnet, Padding, Extended DNS Error).',
    'zh-CN':
      'OPT 记录数据中的一个 EDNS 选项，由选项代码、长度和选项数据组成（如 COOKIE、客户端子网 Client Subnet、填充 Padding、扩展 DNS 错误 Extended DNS Error）。',
  },
  'dns.opt.code': {
    en: 'Number identifying an EDNS option, which says how to read its data: e.g. 8 Client Subnet, 10 COOKIE, 12 Padding, 15 Extended DNS Error.',
    'zh-CN':
      'EDNS 选项的代码，决定如何解读选项数据：如 8 为客户端子网（Client Subnet），10 为 COOKIE，12 为填充（Padding），15 为扩展 DNS 错误（Extended DNS Error）。',
  },
  'dns.opt.len': {
    en: 'Length in bytes of the option data that follows the option code and this length field.',
    'zh-CN': 'EDNS 选项数据的字节数，不含选项代码和本长度字段。',
  },
  'dns.opt.data': {
    en: 'The data of an EDNS option, as raw bytes; what it means depends on the option code.',
    'zh-CN': 'EDNS 选项的选项数据（原始字节），其含义取决于选项代码。',
  },
  'dns.response_in': {
    en: 'In a query: the number of the frame carrying its response (same transaction ID, same conversation). Computed by Wirelens by matching queries and responses, not carried in the packet.',
    'zh-CN':
      '出现在查询中：携带其应答的帧编号（同一会话中事务 ID 相同的应答）。由 Wirelens 通过匹配查询与应答计算得出，并非报文中携带的内容。',
  },
  'dns.response_to': {
    en: 'In a response: the number of the frame with the query it answers. Computed by Wirelens by matching queries and responses, not carried in the packet.',
    'zh-CN': '出现在应答中：它所回答的查询所在的帧编号。由 Wirelens 通过匹配查询与应答计算得出，并非报文中携带的内容。',
  },
  'dns.time': {
    en: 'In a response: the time since its query, i.e. how long the answer took, in seconds. Computed by Wirelens by matching queries and responses, not carried in the packet.',
    'zh-CN':
      '出现在应答中：距离对应查询所经过的时间（秒），即得到应答所用的时间。由 Wirelens 通过匹配查询与应答计算得出，并非报文中携带的内容。',
  },
  'dns.retransmission': {
    en: 'True when this query or response repeats an earlier one (same transaction ID, same conversation), e.g. a client retrying after no answer. Computed by Wirelens by matching queries and responses, not in the packet.',
    'zh-CN':
      '为真表示该查询或应答重复了之前的某个报文（同一会话中事务 ID 相同），如客户端因未收到应答而重发。由 Wirelens 通过匹配查询与应答判断，并非报文中携带的内容。',
  },
  'dns.retransmit_request_in': {
    en: 'In a repeated query: the frame of the original query (same ID, still unanswered, less than 5 s earlier). Computed by Wirelens by matching queries and responses, not in the packet.',
    'zh-CN':
      '出现在重传的查询中：原始查询所在的帧编号（事务 ID 相同、尚未得到应答且在 5 秒之内）。由 Wirelens 通过匹配查询与应答计算得出，并非报文中携带的内容。',
  },
  'dns.retransmit_response_in': {
    en: 'In a repeated response: the frame of the first response already seen to the same query. Computed by Wirelens by matching queries and responses, not carried in the packet.',
    'zh-CN':
      '出现在重复的应答中：同一查询此前已收到的第一个应答所在的帧编号。由 Wirelens 通过匹配查询与应答计算得出，并非报文中携带的内容。',
  },
  'dns.unsolicited': {
    en: 'True for a response whose query is not in the capture (it may predate the capture); normal for mDNS announcements. Computed by Wirelens by matching queries and responses, not in the packet.',
    'zh-CN':
      '为真表示捕获中找不到与该应答对应的查询（查询可能发生在开始捕获之前）；对 mDNS 的主动通告属正常现象。由 Wirelens 通过匹配查询与应答判断，并非报文中携带的内容。',
  },
};
