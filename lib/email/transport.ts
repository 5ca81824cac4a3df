// SMTP transport from SMTP_URL (nodemailer). smtp:// connects in plain text and upgrades with
// STARTTLS whenever the server offers it (add ?requireTLS=true to refuse servers that do not, or
// ?ignoreTLS=true to never upgrade); smtps:// is TLS from the first byte (port 465). TLS options go in
// the query as tls.<option>, e.g. ?tls.servername=mail.internal or, for a self-signed test relay only,
// ?tls.rejectUnauthorized=false. Credentials are taken from the URL's user:password.
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { AppError } from "../errors.ts";

export type MailTransport = Transporter<SMTPTransport.SentMessageInfo>;

/** Short enough that a hung server fails an attempt (which is then retried) well within the job's expiry. */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000, dnsTimeout: 10_000 };

export function createMailTransport(smtpUrl: string | undefined): MailTransport {
  if (!smtpUrl) throw new AppError("FORBIDDEN", "SMTP_URL is not set: no email can be sent");
  // URL options (including tls.*) take precedence over these defaults.
  return nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS, disableFileAccess: true, disableUrlAccess: true } as SMTPTransport.Options);
}

/** The address part of EMAIL_FROM ("name <a@b>" or "a@b"). */
export function fromDomain(emailFrom: string): string {
  const address = /<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom;
  return address.split("@")[1]?.trim() || "localhost";
}

export type SmtpFailure = { permanent: boolean; message: string };

/**
 * Sorts a send error: a 5xx reply (recipient or message refused) is permanent and will not be
 * retried; 4xx replies, dropped connections, timeouts and DNS failures are transient. The message keeps
 * the server's reply but never the credentials.
 */
export function classifySmtpError(err: unknown): SmtpFailure {
  const e = err as { responseCode?: number; code?: string; response?: string; message?: string };
  const code = typeof e?.responseCode === "number" ? e.responseCode : undefined;
  const text = (e?.response ?? e?.message ?? String(err)).replace(/\s+/g, " ").slice(0, 500);
  if (code !== undefined && code >= 500 && code < 600) return { permanent: true, message: text.startsWith(String(code)) ? text : `${code} ${text}` };
  if (e?.code === "EAUTH") return { permanent: false, message: `authentication failed: ${text}` };
  return { permanent: false, message: code !== undefined ? text : `${e?.code ?? "error"}: ${text}` };
}
