import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server.ts";

let transport: Transporter | undefined;

/** Null when SMTP_URL is not configured (local use: links are logged instead). */
export function mailer(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function sendMail(message: { to: string; subject: string; text: string }) {
  const transport = mailer();
  if (!transport) throw new Error("SMTP_URL is not configured");
  await transport.sendMail({ from: env().MAIL_FROM, ...message });
}
