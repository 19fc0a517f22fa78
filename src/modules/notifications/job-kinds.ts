/** Job kinds of issue 6's fan-out (registered in src/worker.ts through notificationHandlers). */
export const WEBHOOK_DELIVERY_JOB = 'webhook-delivery';
export const RENDER_DOCUMENT_JOB = 'render-document';
export const SEND_EMAIL_JOB = 'send-invoice-email';
export const DEADLINE_SCAN_JOB = 'deadline-scan';
