export {
  createMailer,
  MailError,
  type MailAttachment,
  type Mailer,
  type MailerOptions,
  type MailErrorCode,
  type MailMessage,
  type SendResult,
} from './mailer.js';
export { composeDteEmail, type DteEmail, type DteEmailInput } from './dte-email.js';
