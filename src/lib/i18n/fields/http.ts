// HTTP fields: what each means, in every language of the UI.
import type { FieldTexts } from './types';

export const httpFields: FieldTexts = {
  http: {
    en: 'Hypertext Transfer Protocol (HTTP/1.x): the text-based request/response application protocol of the web, carried over TCP (port 80 by default).',
    'zh-CN':
      '超文本传送协议（HTTP/1.x）：万维网使用的基于文本的请求/响应式应用层协议，运行在 TCP 之上（默认端口 80）。',
  },
  'http.request': {
    en: 'Present in every HTTP request message (hidden in the tree): the filter http.request shows only the requests sent by clients.',
    'zh-CN': '每个 HTTP 请求报文都带有此字段（在树中隐藏）：过滤器 http.request 只显示客户端发出的请求报文。',
  },
  'http.response': {
    en: 'Present in every HTTP response message (hidden in the tree): the filter http.response shows only the responses sent by servers.',
    'zh-CN': '每个 HTTP 响应报文都带有此字段（在树中隐藏）：过滤器 http.response 只显示服务器返回的响应报文。',
  },
  'http.request.line': {
    en: 'One header line of a request, as text ("Name: value"); hidden, one per line. Despite its name it is not the first line: use it to search all headers, e.g. http.request.line contains "gzip".',
    'zh-CN':
      '请求报文中的一个首部行（“名称: 值”的原文），隐藏字段，每行一个。虽然名叫 Request line，但它不是请求行本身；可用它搜索所有首部，如 http.request.line contains "gzip"。',
  },
  'http.response.line': {
    en: 'One header line of a response, as text ("Name: value"); hidden, one per line. It is not the status line: use it to search all response headers, e.g. http.response.line contains "nginx".',
    'zh-CN':
      '响应报文中的一个首部行（“名称: 值”的原文），隐藏字段，每行一个。它不是状态行本身；可用它搜索响应的所有首部，如 http.response.line contains "nginx"。',
  },
  'http.request.method': {
    en: 'The request method: what the client asks the server to do with the resource (GET to fetch it, POST to send data, HEAD for the headers only …).',
    'zh-CN': '请求方法：客户端要求服务器对资源执行的操作（GET 获取、POST 提交数据、HEAD 只取首部等）。',
  },
  'http.request.uri': {
    en: 'The request target, second part of the request line: usually the path and query of the resource (/index.html?id=1); a full URL when sent to a proxy, host:port for CONNECT.',
    'zh-CN':
      '请求目标，即请求行的第二部分：通常是资源的路径和查询串（如 /index.html?id=1）；发给代理时是完整 URL，CONNECT 请求中是“主机:端口”。',
  },
  'http.request.uri.path': {
    en: 'The path part of the request URI, before any "?": which resource on the server is asked for, e.g. /images/logo.png.',
    'zh-CN': '请求 URI 中“?”之前的路径部分：指明请求服务器上的哪个资源，如 /images/logo.png。',
  },
  'http.request.uri.query': {
    en: 'The query part of the request URI, after the "?": parameters passed to the server, usually name=value pairs joined by "&".',
    'zh-CN': '请求 URI 中“?”之后的查询部分：传给服务器的参数，通常是用“&”连接的 name=value 对。',
  },
  'http.request.uri.query.parameter': {
    en: 'One parameter of the query, as split at "&" (e.g. id=42); characters such as spaces appear percent-encoded (%20).',
    'zh-CN': '查询串中以“&”分隔出的一个参数（如 id=42）；空格等字符以百分号编码形式出现（如 %20）。',
  },
  'http.request.version': {
    en: 'The HTTP version the client uses, last part of the request line (HTTP/1.1 or HTTP/1.0). HTTP/1.1 requires a Host header and keeps connections open by default.',
    'zh-CN':
      '客户端使用的 HTTP 版本，即请求行的最后一部分（HTTP/1.1 或 HTTP/1.0）。HTTP/1.1 要求带 Host 首部，并默认使用持久连接。',
  },
  'http.response.version': {
    en: 'The HTTP version of the server, first part of the status line (e.g. HTTP/1.1): the version in which the response is written.',
    'zh-CN': '服务器使用的 HTTP 版本，即状态行的第一部分（如 HTTP/1.1），表示该响应报文所用的协议版本。',
  },
  'http.request.full_uri': {
    en: 'The complete URL of the request, computed by Wirelens from the Host header and the request target (http://host/path); it is not carried as such in the packet.',
    'zh-CN':
      '请求的完整 URL，由 Wirelens 根据 Host 首部和请求目标拼接而成（http://主机/路径），报文中并不直接携带这一字段。',
  },
  'http.response.code': {
    en: 'The three-digit status code: 1xx informational, 2xx success (200 OK, 206 Partial Content for a Range request), 3xx redirection (301, 304 Not Modified), 4xx client error (404), 5xx server error.',
    'zh-CN':
      '三位数字的状态码：1xx 表示通知信息，2xx 成功（200 OK，范围请求返回 206 Partial Content），3xx 重定向（301，304 Not Modified），4xx 客户端差错（404），5xx 服务器差错。',
  },
  'http.response.code.desc': {
    en: 'The standard meaning of the status code, looked up by Wirelens from the code (e.g. "Not Found" for 404); it may differ from the reason phrase the server actually sent.',
    'zh-CN':
      '状态码的标准含义，由 Wirelens 根据状态码查表得出（如 404 对应 “Not Found”），可能与服务器实际发送的原因短语不同。',
  },
  'http.response.phrase': {
    en: 'The reason phrase after the status code in the status line (e.g. "OK", "Not Modified"): text for humans only; clients act on the code and may ignore the phrase.',
    'zh-CN':
      '状态行中状态码之后的原因短语（如 “OK”、“Not Modified”）：仅供人阅读，客户端依据状态码处理响应，可以忽略原因短语。',
  },
  'http.response_for.uri': {
    en: 'In a response: the full URL of the request it answers, computed by Wirelens by pairing requests and responses on the same TCP connection (not carried in the response).',
    'zh-CN':
      '出现在响应中：它所应答的请求的完整 URL，由 Wirelens 将同一 TCP 连接上的请求与响应配对后得出（响应报文本身并不携带）。',
  },
  'http.chat': {
    en: 'An expert note of severity Chat attached to the request line or status line of each message; the filter http.chat lists the first line of every HTTP message.',
    'zh-CN': '附在每个报文请求行或状态行上的专家信息（级别为 Chat）；用过滤器 http.chat 可列出所有 HTTP 报文的首行。',
  },
  'http.authorization': {
    en: 'Credentials the client sends to the server, usually after a 401 (e.g. "Basic" + Base64 of user:password, or "Bearer" + token). Basic is only encoded, not encrypted: anyone capturing plain HTTP can read it.',
    'zh-CN':
      '客户端发给服务器的认证凭据，通常在收到 401 之后发送（如 “Basic” 加 Base64 编码的 用户名:密码，或 “Bearer” 加令牌）。Basic 方式只是编码而非加密，明文 HTTP 中任何抓包者都能读出。',
  },
  'http.proxy_authenticate': {
    en: 'Sent by a proxy with 407 Proxy Authentication Required: the authentication scheme and parameters the client must answer with a Proxy-Authorization header.',
    'zh-CN':
      '代理服务器随 407 Proxy Authentication Required 发送：说明认证方案及参数，客户端须用 Proxy-Authorization 首部作答。',
  },
  'http.proxy_authorization': {
    en: 'Credentials the client sends to a proxy (not to the origin server), typically in answer to a 407 with Proxy-Authenticate.',
    'zh-CN': '客户端发给代理服务器（而非源服务器）的认证凭据，通常是对带 Proxy-Authenticate 的 407 响应的回应。',
  },
  'http.proxy_connect_host': {
    en: 'In the packets of a tunnel opened with CONNECT: the host the client asked the proxy to connect to, taken by Wirelens from the CONNECT request (not carried in these packets).',
    'zh-CN':
      '出现在通过 CONNECT 建立的隧道的报文中：客户端要求代理连接的目标主机，由 Wirelens 从 CONNECT 请求中取得（这些报文本身并不携带）。',
  },
  'http.proxy_connect_port': {
    en: 'In the packets of a tunnel opened with CONNECT: the TCP port the client asked the proxy to connect to (443 for HTTPS), taken by Wirelens from the CONNECT request.',
    'zh-CN':
      '出现在通过 CONNECT 建立的隧道的报文中：客户端要求代理连接的目标 TCP 端口（HTTPS 为 443），由 Wirelens 从 CONNECT 请求中取得。',
  },
  'http.www_authenticate': {
    en: 'Sent by the server with 401 Unauthorized: the authentication scheme it accepts and its parameters (e.g. Basic realm="intranet"); the client retries with Authorization.',
    'zh-CN':
      '服务器随 401 Unauthorized 发送：说明可接受的认证方案及参数（如 Basic realm="intranet"），客户端随后带 Authorization 首部重试。',
  },
  'http.content_type': {
    en: 'The media type of the body (e.g. text/html; charset=utf-8, application/json, image/png): it tells the receiver how to interpret the bytes, and Wirelens which dissector shows them.',
    'zh-CN':
      '实体主体的媒体类型（如 text/html; charset=utf-8、application/json、image/png）：告诉接收方如何解释这些字节，Wirelens 也据此选择解析器显示主体。',
  },
  'http.content_length_header': {
    en: 'The size of the body in bytes, in decimal, counted after any Content-Encoding (gzip). It marks where the message ends, so a persistent connection can carry the next one; chunked messages omit it.',
    'zh-CN':
      '实体主体的字节数（十进制），按内容编码（如 gzip）之后计算。它标出报文在哪里结束，使持久连接能接着传送下一个报文；采用分块传输的报文不带此首部。',
  },
  'http.content_length': {
    en: 'The value of the Content-Length header read as a number by Wirelens, so filters can compare it (http.content_length > 100000); it counts encoded bytes, not the decompressed size.',
    'zh-CN':
      'Content-Length 首部的值，由 Wirelens 解析成数字，便于在过滤器中比较（如 http.content_length > 100000）；它计算的是编码后的字节数，而不是解压后的大小。',
  },
  'http.content_encoding': {
    en: 'The compression applied to the body (gzip, br, deflate), chosen from what the client offered in Accept-Encoding. The receiver must decode it; Wirelens shows the decompressed body.',
    'zh-CN':
      '实体主体所用的内容编码（压缩方式，如 gzip、br、deflate），从客户端在 Accept-Encoding 中提供的选项中选出。接收方须解码，Wirelens 会显示解压后的主体。',
  },
  'http.transfer_encoding': {
    en: 'How the body is framed for transfer; "chunked" sends it as chunks, each preceded by its size in hex, ending with a zero-size chunk. Used when the length is not known in advance, instead of Content-Length.',
    'zh-CN':
      '实体主体的传输编码方式；“chunked”表示分块传输：每块前面有十六进制的块大小，以大小为 0 的块结束。用于事先不知道长度的场合，代替 Content-Length。',
  },
  'http.upgrade': {
    en: 'Asks to switch this connection to another protocol (e.g. websocket, h2c), together with Connection: Upgrade; the server agrees with 101 Switching Protocols.',
    'zh-CN':
      '请求把当前连接切换为另一种协议（如 websocket、h2c），需同时带 Connection: Upgrade；服务器同意时返回 101 Switching Protocols。',
  },
  'http.user_agent': {
    en: 'Identifies the client software making the request: browser name and version, operating system, or a tool such as curl/8.5.0.',
    'zh-CN': '用户代理：标识发出请求的客户端软件，如浏览器名称和版本、操作系统，或 curl/8.5.0 之类的工具。',
  },
  'http.host': {
    en: 'The host name (and port, if not the default) of the server the request is for. Mandatory in HTTP/1.1, it lets one IP address serve many web sites (virtual hosting).',
    'zh-CN':
      '主机：请求所指向的服务器主机名（非默认端口时还包括端口号）。HTTP/1.1 中必须携带，它使一个 IP 地址可以承载多个网站（虚拟主机）。',
  },
  'http.connection': {
    en: 'Options for this connection only: "keep-alive" keeps the TCP connection open for further requests (persistent connection, the default in HTTP/1.1); "close" closes it after the response.',
    'zh-CN':
      '只针对当前连接的选项：“keep-alive”表示保持 TCP 连接以发送后续请求（持久连接，HTTP/1.1 的默认行为）；“close”表示响应结束后关闭连接。',
  },
  'http.cookie': {
    en: 'The cookies the client stored from earlier Set-Cookie headers of this site, sent back as name=value pairs separated by "; " (often a session ID that keeps a user logged in).',
    'zh-CN':
      '客户端把此前从该网站 Set-Cookie 首部保存的 Cookie 发回服务器，格式为以“; ”分隔的 name=value 对（常是保持用户登录状态的会话 ID）。',
  },
  'http.cookie_pair': {
    en: 'One name=value pair of the Cookie header, as Wirelens splits the header at ";" to show each cookie on its own line.',
    'zh-CN': 'Cookie 首部中的一个 name=value 对；Wirelens 按“;”拆分该首部，每个 Cookie 单独显示一行。',
  },
  'http.accept': {
    en: 'The media types the client can handle, with optional q weights (e.g. text/html,*/*;q=0.8); the server picks one and names it in Content-Type (content negotiation).',
    'zh-CN':
      '客户端能够处理的媒体类型，可带 q 权重（如 text/html,*/*;q=0.8）；服务器从中选择一种并在 Content-Type 中注明（内容协商）。',
  },
  'http.referer': {
    en: 'The address of the page from which the request was made, e.g. the page containing the link clicked or the image loaded. The misspelling of "referrer" is the official header name.',
    'zh-CN':
      '发出该请求的页面地址，如所点击链接所在的页面或嵌入该图片的页面。“Referer”是“referrer”的误拼，但已成为正式的首部名称。',
  },
  'http.accept_language': {
    en: 'The natural languages the user prefers, in order of q weight (e.g. zh-CN,zh;q=0.9,en;q=0.8); the server may use it to choose the language of the page.',
    'zh-CN': '用户偏好的自然语言，按 q 权重排序（如 zh-CN,zh;q=0.9,en;q=0.8）；服务器可据此选择页面语言。',
  },
  'http.accept_encoding': {
    en: 'The compressions the client can decode (e.g. gzip, deflate, br); the server may compress the body with one of them and say which in Content-Encoding.',
    'zh-CN':
      '客户端能够解码的压缩方式（如 gzip、deflate、br）；服务器可用其中一种压缩实体主体，并在 Content-Encoding 中注明。',
  },
  'http.date': {
    en: 'The date and time the message was created, in GMT (e.g. Tue, 15 Nov 1994 08:12:31 GMT); caches use it to work out the age of a stored response.',
    'zh-CN':
      '报文生成的日期和时间，使用格林尼治时间（如 Tue, 15 Nov 1994 08:12:31 GMT）；缓存据此计算所存响应的“年龄”。',
  },
  'http.cache_control': {
    en: 'Caching directives: max-age=N (fresh for N seconds), no-cache (revalidate with the server before reuse), no-store (never store), private or public (who may cache it).',
    'zh-CN':
      '缓存控制指令：max-age=N（N 秒内有效）、no-cache（再次使用前须向服务器验证）、no-store（不得存储）、private 或 public（由谁缓存）。',
  },
  'http.server': {
    en: 'Identifies the software of the server that produced the response (e.g. nginx/1.24.0, Apache); some servers hide or shorten it.',
    'zh-CN': '标识生成该响应的服务器软件（如 nginx/1.24.0、Apache）；有些服务器会隐藏或简化这一信息。',
  },
  'http.location': {
    en: 'In a 3xx redirect (301, 302, 307 …), the URL the client should request next; in a 201 Created, the address of the new resource.',
    'zh-CN':
      '在 3xx 重定向响应（301、302、307 等）中，给出客户端接下来应请求的 URL；在 201 Created 中，给出新建资源的地址。',
  },
  'http.sec_websocket_accept': {
    en: 'In the 101 answer to a WebSocket handshake: Base64 of the SHA-1 of the Sec-WebSocket-Key plus a fixed GUID, proving the server understood the request.',
    'zh-CN':
      '出现在 WebSocket 握手的 101 响应中：把 Sec-WebSocket-Key 与一个固定 GUID 拼接后做 SHA-1，再进行 Base64 编码，用以证明服务器理解了握手请求。',
  },
  'http.sec_websocket_extensions': {
    en: 'WebSocket extensions offered by the client and accepted by the server in the handshake, e.g. permessage-deflate to compress messages.',
    'zh-CN': 'WebSocket 握手中客户端提议、服务器接受的扩展，如用于压缩消息的 permessage-deflate。',
  },
  'http.sec_websocket_key': {
    en: 'A random 16-byte value, Base64-encoded, sent by the client in a WebSocket handshake; the server answers with Sec-WebSocket-Accept derived from it.',
    'zh-CN':
      '客户端在 WebSocket 握手中发送的 16 字节随机值（Base64 编码）；服务器用由它算出的 Sec-WebSocket-Accept 作答。',
  },
  'http.sec_websocket_protocol': {
    en: 'The application subprotocols over WebSocket the client offers (e.g. mqtt, graphql-ws); the server names the one it chose in its answer.',
    'zh-CN': '客户端提议的 WebSocket 上层应用子协议（如 mqtt、graphql-ws）；服务器在响应中给出所选的那一个。',
  },
  'http.sec_websocket_version': {
    en: 'The WebSocket protocol version the client uses in the handshake; 13 is the version of the standard (RFC 6455).',
    'zh-CN': '客户端在 WebSocket 握手中使用的协议版本；13 是标准（RFC 6455）规定的版本。',
  },
  'http.set_cookie': {
    en: 'Asks the client to store a cookie: name=value plus attributes (Expires or Max-Age, Domain, Path, Secure, HttpOnly, SameSite). The browser sends it back in later Cookie headers.',
    'zh-CN':
      '要求客户端保存一个 Cookie：name=value 及其属性（Expires 或 Max-Age、Domain、Path、Secure、HttpOnly、SameSite）。浏览器会在以后请求的 Cookie 首部中把它发回。',
  },
  'http.last_modified': {
    en: 'When the server believes the resource last changed. A client can later send it back in If-Modified-Since (a conditional request); if unchanged, the server answers 304 Not Modified without a body.',
    'zh-CN':
      '服务器认为资源最后一次修改的时间。客户端之后可把它放在 If-Modified-Since 中发送（条件请求）；若资源未变，服务器返回不带主体的 304 Not Modified。',
  },
  'http.x_forwarded_for': {
    en: 'Added by proxies and load balancers: the IP address of the original client (then of each proxy passed), comma-separated. Not standard (Forwarded is), and easily forged.',
    'zh-CN':
      '由代理服务器和负载均衡器添加：原始客户端的 IP 地址（其后是经过的各代理），以逗号分隔。它并非标准首部（标准的是 Forwarded），且很容易伪造。',
  },
  'http.http2_settings': {
    en: 'In a request upgrading to cleartext HTTP/2 (Upgrade: h2c): the HTTP/2 SETTINGS parameters of the client, encoded in base64url.',
    'zh-CN': '出现在升级为明文 HTTP/2 的请求（Upgrade: h2c）中：客户端的 HTTP/2 SETTINGS 参数，采用 base64url 编码。',
  },
  'http.unknown_header': {
    en: 'A header line that has no field of its own in Wirelens, shown whole, e.g. Range, Content-Range, ETag, If-None-Match, If-Modified-Since. Filter: http.unknown_header contains "Range".',
    'zh-CN':
      '在 Wirelens 中没有专门字段的首部行，按原样整行显示，如 Range、Content-Range、ETag、If-None-Match、If-Modified-Since。过滤示例：http.unknown_header contains "Range"。',
  },
  'http.request_in': {
    en: 'In a response: the frame number of the request it answers, found by Wirelens by pairing requests and responses in order on the same TCP connection. Click to jump there.',
    'zh-CN':
      '出现在响应中：它所应答的请求所在的帧号，由 Wirelens 在同一 TCP 连接上按顺序将请求与响应配对得出。点击可跳转到该帧。',
  },
  'http.response_in': {
    en: 'In a request: the frame number of its response, found by Wirelens by pairing requests and responses on the same TCP connection. Missing when no answer was captured.',
    'zh-CN':
      '出现在请求中：其响应所在的帧号，由 Wirelens 将同一 TCP 连接上的请求与响应配对得出。若未捕获到响应，则没有此字段。',
  },
  'http.next_request_in': {
    en: 'The frame of the next request on the same TCP connection, computed by Wirelens; present when a persistent (keep-alive) connection carries several requests.',
    'zh-CN': '同一 TCP 连接上下一个请求所在的帧，由 Wirelens 计算得出；当持久连接（keep-alive）承载多个请求时出现。',
  },
  'http.next_response_in': {
    en: 'In a response: the frame of the next response on the same TCP connection, computed by Wirelens from the request/response pairs of that connection.',
    'zh-CN': '出现在响应中：同一 TCP 连接上下一个响应所在的帧，由 Wirelens 根据该连接上的请求/响应配对计算得出。',
  },
  'http.prev_request_in': {
    en: 'The frame of the previous request on the same TCP connection, computed by Wirelens; present when the connection was reused (keep-alive) for this request.',
    'zh-CN':
      '同一 TCP 连接上前一个请求所在的帧，由 Wirelens 计算得出；当该连接被复用（keep-alive）来发送本请求时出现。',
  },
  'http.prev_response_in': {
    en: 'In a response: the frame of the previous response on the same TCP connection, computed by Wirelens from the request/response pairs of that connection.',
    'zh-CN': '出现在响应中：同一 TCP 连接上前一个响应所在的帧，由 Wirelens 根据该连接上的请求/响应配对计算得出。',
  },
  'http.time': {
    en: 'In a response: seconds from its request frame to this frame, computed by Wirelens. A reassembled response is shown in its last segment, so this includes the body transfer time.',
    'zh-CN':
      '出现在响应中：从对应请求所在帧到本帧所经过的秒数，由 Wirelens 计算得出。重组后的响应显示在其最后一个报文段所在的帧，因此该时间包含主体的传输时间。',
  },
  'http.request_number': {
    en: 'The position of this request on its TCP connection (shown as "HTTP request 2/5"), counted by Wirelens; above 1 means the connection was reused (keep-alive).',
    'zh-CN':
      '本请求在其 TCP 连接上的序号（显示为“HTTP request 2/5”），由 Wirelens 计数；大于 1 说明该连接被复用（keep-alive）。',
  },
  'http.response_number': {
    en: 'The position of this response on its TCP connection (shown as "HTTP response 2/5"), counted by Wirelens; it matches the number of the request it answers.',
    'zh-CN': '本响应在其 TCP 连接上的序号（显示为“HTTP response 2/5”），由 Wirelens 计数；与它所应答请求的序号相同。',
  },
  'http.chunked_trailer_part': {
    en: 'Trailer fields sent after the last (zero-size) chunk of a chunked body: header lines the sender could only produce once the body was sent, e.g. a checksum.',
    'zh-CN':
      '分块传输的主体在最后一个（大小为 0 的）块之后发送的尾部字段：发送方只能在主体发完后才能给出的首部行，如校验和。',
  },
  'http.chunk_boundary': {
    en: 'The CRLF (\\r\\n, bytes 0d 0a) that ends the data of a chunk in a chunked body; the next chunk size line follows it.',
    'zh-CN': '分块传输的主体中结束一个数据块的 CRLF（\\r\\n，即字节 0d 0a）；其后紧跟下一块的块大小行。',
  },
  'http.chunk_size': {
    en: 'The size of the data of a chunk in bytes, written in hexadecimal on its own line before the data (shown here in decimal); a size of 0 marks the last chunk and the end of the body.',
    'zh-CN':
      '一个数据块的字节数，在数据之前单独一行以十六进制书写（此处以十进制显示）；大小为 0 表示最后一块，即主体结束。',
  },
  'http.chunk_data': {
    en: 'The data bytes of one chunk; the data of all chunks, joined in order, make up the message body (see File Data).',
    'zh-CN': '一个块中的数据字节；所有块的数据按顺序拼接起来即构成报文的实体主体（见 File Data）。',
  },
  'http.file_data': {
    en: 'The message body as rebuilt by Wirelens: reassembled across TCP segments, de-chunked and decompressed (gzip, deflate, br), so its size can differ from Content-Length.',
    'zh-CN':
      '由 Wirelens 还原的报文实体主体：跨多个 TCP 报文段重组，去掉分块格式并解压（gzip、deflate、br），因此其大小可能与 Content-Length 不同。',
  },
  'http.decompression_failed': {
    en: 'Set by Wirelens when the body could not be decoded as its Content-Encoding says (truncated capture, corrupt data or an unsupported coding); the encoded bytes are shown instead.',
    'zh-CN':
      '当实体主体无法按 Content-Encoding 所示方式解码时（抓包被截断、数据损坏或不支持的编码），由 Wirelens 标记；此时显示编码后的原始字节。',
  },
};
