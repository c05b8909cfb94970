// 简体中文界面。协议名、字段名和过滤器名保持 Wireshark 的英文（与 Wireshark 中文版一致）。
// The Simplified Chinese UI: the same shape as en.ts (checked by TypeScript).
import type { Messages } from './en';

export const zhCN: Messages = {
  language: {
    label: '语言',
  },
  open: {
    choose: '打开捕获文件',
    sample: '打开示例',
    reading: '正在读取',
    readingProgress: (read, total, packets) => `已读 ${read}，共 ${total}，${packets}`,
    readingLabel: '正在读取捕获文件',
    cancel: '取消',
    openFirst: (n) => `打开前 ${n} 个分组`,
  },
  intro: {
    drop: '把捕获文件（{pcap}、{pcapng}，或它们的 {gz} 压缩文件）拖放到本页任意位置，或在上方选择文件。“打开示例”会打开一份学生做 HTTP 实验时的捕获。',
    local: '文件只在本标签页中读取，不会上传到任何地方。',
  },
  toolbar: {
    time: '时间',
    colours: '分组着色',
  },
  views: {
    label: '视图',
    names: {
      packets: '分组',
      flow: '时序图',
      follow: '追踪流',
      objects: 'HTTP 对象',
      conversations: '会话',
      endpoints: '端点',
      hierarchy: '协议分级',
      http: 'HTTP 统计',
      io: 'I/O 图表',
      expert: '专家信息',
      properties: '捕获文件属性',
    },
  },
  status: {
    ready: '就绪。不会上传任何内容：捕获文件只在本标签页中读取。',
    packets: (n) => `${n.toLocaleString('en-US')} 个分组`,
    displayed: (n) => `已显示：${n}`,
    loadedIn: (seconds) => `加载用时 ${seconds} 秒`,
    sorting: '正在排序…',
    warning: '⚠ 1 个警告',
  },
  goTo: {
    title: '转到分组',
    go: '转到',
    cancel: '取消',
    notANumber: '请输入分组编号（1、2、3 …）。',
    noSuch: (n) => `列表中没有第 ${n} 个分组。`,
  },
  filter: {
    placeholder: '应用显示过滤器 …（回车）',
    apply: '应用',
    clear: '清除',
    saved: '常用过滤器',
    suggestions: '建议',
    recent: '最近使用',
    filtering: '正在过滤…',
    errorAt: (text, at) => `（“${text}”，第 ${at} 个字符处）`,
    errorAtChar: (at) => `（第 ${at} 个字符处）`,
    captureFilter: '已把捕获过滤器读作显示过滤器',
    applied: '过滤器：',
    states: { empty: '', valid: '有效', invalid: '无效', deprecated: '已弃用' },
  },
  detail: {
    menu: '字段',
    apply: {
      selected: '作为过滤器应用',
      not: '作为过滤器应用：非选中',
      and: '作为过滤器应用：… 与选中',
      or: '作为过滤器应用：… 或选中',
    },
    prepare: {
      selected: '准备过滤器',
      not: '准备过滤器：非选中',
      and: '准备过滤器：… 与选中',
      or: '准备过滤器：… 或选中',
      'and-not': '准备过滤器：… 且非选中',
      'or-not': '准备过滤器：… 或非选中',
    },
    copyValue: '复制值',
    copyFilter: '复制为过滤器',
    copyLine: '复制该行',
    copyLink: '复制链接',
    copyLinkInside: '复制内含捕获数据的链接',
    expand: '展开子树',
    collapse: '折叠子树',
    copied: { value: '值', filter: '过滤器', line: '行' },
    copiedNote: (what, text) => `已复制${what}：${text}`,
    copyRefused: (text) => `无法复制（浏览器拒绝）：${text}`,
    expert: (severity) => `专家信息：${severity}`,
    severities: { chat: '对话', note: '注意', warn: '警告', error: '错误' },
  },
  explain: {
    title: '解释这个分组',
    none: '除上面的详情外没有更多可解释的：这个分组不属于 Wirelens 目前能解释的 TCP、HTTP、DNS 或 TLS 交互。',
    handshake1: (v) =>
      `三次握手的第一步：端口 ${v.from} 请求与端口 ${v.to} 建立连接（SYN）。它的初始序号（ISN）是 ${v.raw}；Wirelens 把它显示为 Seq 0，之后的序号都相对它计算。` +
      (v.mss ? `它能接收的最大报文段长度为 ${v.mss} 字节（MSS）。` : '') +
      (v.scale ? `它的窗口字段将以 ${v.scale} 字节为单位（窗口扩大因子）。` : ''),
    handshake2: (v) =>
      `三次握手的第二步：服务器确认客户端的 SYN（Ack ${v.ack} = 客户端 ISN 0 + 1${v.clientIsn ? `；原始值 ${v.clientIsn} + 1` : ''}），同时发送自己的 SYN（Seq 0，原始 ISN ${v.raw}）。SYN 要占用一个序号，所以确认号要加 1。`,
    handshake3: () =>
      '三次握手的第三步：客户端确认服务器的 SYN（Seq 1，Ack 1 = 服务器 ISN 0 + 1）。连接已经建立，双方都可以发送数据了。',
    data: (v) =>
      `数据报文段：${v.len} 字节，是本方向字节流的第 ${v.seq}–${v.last} 字节。接收方将用 Ack ${v.next} 确认它们（期望的下一个序号 = Seq ${v.seq} + Len ${v.len}）。`,
    segmentOfMessage: (v) => `它的字节属于一个更大的报文，Wirelens 把它重组后显示在第 ${v.frame} 帧。`,
    reassembled: (v) =>
      `这个报文段使一个 ${v.bytes} 字节的报文完整了，它由 ${v.count} 个 TCP 报文段重组而成；TCP 之上的协议在这里读取完整的报文。`,
    pureAck: (v) =>
      `纯确认（不带数据）：第 ${v.last} 字节及之前的所有字节都已收到，所以期望的下一个字节是 ${v.ack}（Ack ${v.ack}）。${v.win ? `它同时通告 ${v.win} 字节的接收窗口：对方在等到下一个确认之前最多还能发送这么多字节。` : ''}`,
    windowUpdate: (v) =>
      `窗口更新：没有新数据，也没有新的确认，只是接收窗口变大了（${v.win} 字节）：接收方的缓存腾出了空间。`,
    fin: (v) =>
      `FIN：这一方没有更多数据要发送，开始关闭它这一半的连接${v.len ? `（在本报文段携带的 ${v.len} 字节之后）` : ''}。FIN 占用序号 ${v.seq}，所以对方用 Ack ${v.next} 确认它。双方都发送了 FIN 并得到确认后，连接才关闭（四次挥手）。`,
    reset: (v) =>
      `RST：端口 ${v.from} 立即中止与端口 ${v.to} 的连接。与 FIN 不同，之后不再有确认，尚未交付的数据会丢失；例如连接到没有程序监听的端口，或应用程序放弃连接时会发送 RST。`,
    retransmission: (v) =>
      `重传：从 ${v.seq} 开始的 ${v.len} 字节之前已经发送过，但没有及时得到确认，所以发送方再发一次。通常是报文段或它的确认丢失了。`,
    fastRetransmission: (v) =>
      `快速重传：接收方发送了重复确认，一再请求第 ${v.seq} 字节，所以发送方不等重传计时器超时就立即重发。`,
    spuriousRetransmission: (v) => `虚假重传：从 ${v.seq} 开始的字节被再次发送，但接收方其实早已确认过它们。`,
    outOfOrder: (v) => `乱序：这个报文段（Seq ${v.seq}）比字节流中排在它后面的报文段到得晚。`,
    lostSegment: () => '缺口：紧挨在这个报文段之前的字节在捕获中没有出现（丢失了，或者没有被捕获到）。',
    duplicateAck: (v) =>
      `重复确认${v.n ? `（第 ${v.n} 个）` : ''}：接收方重复发送 Ack ${v.ack}，因为后面的报文段已经到达，而第 ${v.ack} 字节仍然缺失。收到三个重复确认后，发送方会立即重传。`,
    zeroWindow: () => '零窗口：接收方的缓存已满，发送方必须停止发送数据，直到窗口更新重新打开窗口。',
    keepAlive: (v) =>
      `保活：一个序号为 ${v.seq}（比期望的下一个字节小 1）的探测报文，让对方回复 ACK，以检查空闲的连接是否仍然存在。`,
    httpRequest: (v) => `HTTP 请求：浏览器请求 ${v.host || '服务器'} 对 ${v.uri} 执行 ${v.method}。`,
    httpRange: (v) =>
      `它只请求资源的一部分（Range: ${v.range}）。浏览器按范围请求音频和视频，这样不必下载整个文件就能开始播放和跳转。`,
    httpAnsweredIn: (v) => `响应在第 ${v.frame} 帧。`,
    httpAnswers: (v) => `它响应的是第 ${v.frame} 帧中的请求。`,
    http200: (v) =>
      `HTTP 200 OK：服务器发送资源${v.uri ? ` ${v.uri}` : ''}${v.type ? `（${v.type}` : ''}${v.type && v.length ? `，${v.length} 字节）` : v.type ? '）' : v.length ? `（${v.length} 字节）` : ''}。比一个报文段大的主体会分成多个 TCP 报文段发送，并在这里重组。`,
    http206: (v) =>
      `HTTP 206 Partial Content：服务器只发送浏览器用 Range 首部请求的那一部分${v.contentRange ? `（Content-Range: ${v.contentRange}）` : ''}${v.type ? `，类型为 ${v.type}` : ''}。流媒体就是这样传输的：播放器请求它接下来需要的字节。`,
    http304: (v) =>
      `HTTP 304 Not Modified：浏览器的缓存里已经有 ${v.uri || '这个资源'}，它询问资源是否有变化（If-Modified-Since 或 If-None-Match）；资源没有变化，所以不发送主体，浏览器使用缓存的副本。`,
    http404: (v) => `HTTP 404 Not Found：服务器上没有 ${v.uri || '所请求的 URI'}。`,
    httpOther: (v) => `HTTP 响应：状态码 ${v.code} ${v.phrase}。`,
    dnsQuery: (v) => `DNS 查询：${v.name} 的 ${v.type || ''} 记录是什么？应答将带回相同的事务 ID（${v.id}）。`,
    dnsResponse: (v) =>
      v.rcode
        ? `${v.name} 的 DNS 应答：出错（响应码 ${v.rcode}）；${v.rcode === 3 ? '该域名不存在（NXDOMAIN）。' : '没有可用的回答。'}`
        : `${v.name} 的 DNS 应答：${v.answers} 条回答记录${v.addresses ? `，地址 ${v.addresses}` : ''}。`,
    tlsClientHello: (v) =>
      `TLS ClientHello：客户端开始 TLS 握手${v.sni ? `，要访问 ${v.sni}（服务器名称，以明文发送）` : ''}，并列出它支持的 TLS 版本、密码套件和密钥交换参数。`,
    tlsServerHello: (v) =>
      `TLS ServerHello：服务器从客户端提供的选项中选定版本和密码套件${v.suite ? `（${v.suite}）` : ''}；此后握手据此推导出加密数据所用的密钥。`,
  },
  panes: {
    resizeList: '调整分组列表的高度',
    resizeDetails: '调整分组详情的高度',
  },
  timeFormats: {
    relative: '自捕获开始经过的秒数',
    'delta-displayed': '自上一个显示分组经过的秒数',
    delta: '自上一个捕获分组经过的秒数',
    absolute: '日期和时间',
    'time-of-day': '时间',
    utc: 'UTC 日期和时间',
    epoch: '自 1970-01-01 起的秒数（epoch）',
  },
};
