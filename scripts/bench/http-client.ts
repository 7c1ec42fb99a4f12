/**
 * A small keep-alive HTTP/1.1 client over raw sockets, like autocannon: one request in flight per
 * connection, the whole request written in one `write`, responses parsed just enough (status line,
 * Content-Length or chunked). Much cheaper per request than `http.request`, so the load generator
 * leaves more CPU to the server on a 2-core machine. Only for loopback benchmarks.
 */
import net from 'node:net';

export interface HttpResult {
  status: number;
  /** Response body (small JSON in these benchmarks). */
  body: Buffer;
}

interface Pending {
  resolve: (r: HttpResult) => void;
  reject: (e: Error) => void;
}

const HEADER_END = Buffer.from('\r\n\r\n');

class Connection {
  readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  private closeAfter = false;
  dead = false;

  constructor(
    host: string,
    port: number,
    private readonly onIdle: (c: Connection) => void,
    private readonly onDead: (c: Connection) => void,
  ) {
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const fail = (err?: Error) => {
      if (this.dead) return;
      this.dead = true;
      const p = this.pending;
      this.pending = null;
      p?.reject(err ?? new Error('connection closed'));
      this.onDead(this);
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => fail());
  }

  send(bytes: Buffer, pending: Pending): void {
    this.pending = pending;
    this.socket.write(bytes);
  }

  private onData(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const end = this.buf.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const bodyStart = end + 4;
    let bodyEnd: number;
    const cl = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    if (cl) {
      bodyEnd = bodyStart + Number(cl[1]);
      if (this.buf.length < bodyEnd) return;
    } else if (/\r\ntransfer-encoding:\s*chunked/.test(lower)) {
      const term = this.buf.indexOf('\r\n0\r\n\r\n', bodyStart - 2);
      if (term < 0) return;
      bodyEnd = term + 7;
    } else {
      bodyEnd = bodyStart; // 204/304 or no body
    }
    this.closeAfter = /\r\nconnection:\s*close/.test(lower);
    const body = this.buf.subarray(bodyStart, bodyEnd);
    this.buf = this.buf.length > bodyEnd ? this.buf.subarray(bodyEnd) : Buffer.alloc(0);
    const p = this.pending;
    this.pending = null;
    if (this.closeAfter) {
      this.dead = true;
      this.socket.destroy();
      this.onDead(this);
    } else this.onIdle(this);
    p?.resolve({ status, body });
  }
}

/** A pool of up to `maxConnections` keep-alive connections; requests wait FIFO for a free one. */
export class HttpPool {
  private idle: Connection[] = [];
  private all = new Set<Connection>();
  private queue: { bytes: Buffer; pending: Pending }[] = [];
  private readonly host: string;
  private readonly port: number;
  readonly hostHeader: string;

  constructor(
    url: string,
    private readonly maxConnections: number,
  ) {
    const u = new URL(url);
    if (u.protocol !== 'http:') throw new Error('only http:// is supported');
    this.host = u.hostname;
    this.port = Number(u.port || 80);
    this.hostHeader = u.host;
  }

  /** Build the bytes of a POST once (headers + body). */
  post(path: string, body: Buffer, headers: Record<string, string>): Buffer {
    let head = `POST ${path} HTTP/1.1\r\nHost: ${this.hostHeader}\r\nConnection: keep-alive\r\nContent-Length: ${body.length}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    return Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]);
  }

  request(bytes: Buffer): Promise<HttpResult> {
    return new Promise<HttpResult>((resolve, reject) => {
      const pending = { resolve, reject };
      const conn = this.idle.pop();
      if (conn) return conn.send(bytes, pending);
      if (this.all.size < this.maxConnections) {
        const c = this.open();
        // net.connect buffers writes until connected.
        return c.send(bytes, pending);
      }
      this.queue.push({ bytes, pending });
    });
  }

  get queued(): number {
    return this.queue.length;
  }

  get connections(): number {
    return this.all.size;
  }

  close(): void {
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle = [];
    for (const q of this.queue.splice(0)) q.pending.reject(new Error('pool closed'));
  }

  private open(): Connection {
    const c = new Connection(
      this.host,
      this.port,
      (conn) => this.release(conn),
      (conn) => {
        this.all.delete(conn);
        this.idle = this.idle.filter((x) => x !== conn);
        // A queued request gets a fresh connection.
        const next = this.queue.shift();
        if (next) this.open().send(next.bytes, next.pending);
      },
    );
    this.all.add(c);
    return c;
  }

  private release(conn: Connection): void {
    const next = this.queue.shift();
    if (next) conn.send(next.bytes, next.pending);
    else this.idle.push(conn);
  }
}
