// Test-only: a real SMTP server in this process (smtp-server on 127.0.0.1:0) that parses what arrives
// (mailparser) and can be told, per recipient, to accept, refuse (e.g. 550 / 421), or hold a message
// until the test lets it go (to kill a client mid-send). Plus a TCP server that drops every connection.
import net from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { to: string[]; mail: ParsedMail; raw: string };
export type RcptPolicy = (address: string) => { code: number; message: string } | null;

export interface TestSmtpServer {
  url: string;
  received: Received[];
  /** Refuse some recipients at RCPT TO (null = accept). */
  setRcptPolicy(policy: RcptPolicy | null): void;
  /**
   * Hold the nth message (1-based, counted from now; only messages to recipients `only` accepts) until
   * `release()`; resolves when it is held.
   */
  holdNext(n: number, only?: (recipient: string) => boolean): Promise<void>;
  /** Lets a held message go: "accept" answers 250, "drop" discards it (the client is gone). */
  release(outcome: "accept" | "drop"): void;
  close(): Promise<void>;
}

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: Received[] = [];
  let rcptPolicy: RcptPolicy | null = null;
  let holdAt = 0;
  let dataCount = 0;
  let onHeld: (() => void) | null = null;
  let holdFilter: (recipient: string) => boolean = () => true;
  let releaseHeld: ((o: "accept" | "drop") => void) | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = rcptPolicy?.(address.address);
      if (!refusal) return callback();
      const err = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        void (async () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          if (session.envelope.rcptTo.some((r) => holdFilter(r.address))) dataCount++;
          if (holdAt && dataCount === holdAt) {
            holdAt = 0;
            const outcome = await new Promise<"accept" | "drop">((resolve) => {
              releaseHeld = resolve;
              onHeld?.();
            });
            if (outcome === "drop") return callback(Object.assign(new Error("connection lost"), { responseCode: 451 }));
          }
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(raw), raw });
          callback();
        })();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    setRcptPolicy(policy) {
      rcptPolicy = policy;
    },
    holdNext(n, only) {
      holdFilter = only ?? (() => true);
      holdAt = dataCount + n;
      return new Promise((resolve) => (onHeld = resolve));
    },
    release(outcome) {
      releaseHeld?.(outcome);
      releaseHeld = null;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A TCP server that accepts and immediately drops every connection; its smtp:// URL. */
export async function startDroppingServer(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, connections: () => count, close: () => new Promise((r) => server.close(() => r())) };
}
