import type { AgencyHttp, AgencyOutcome } from './http';

export interface Message {
  channel: 'sms' | 'vneid' | 'email';
  to: string;
  language: 'vi' | 'en';
  template: string;
  text: string;
  reference?: string;
}

/** SMS, VNeID and e-mail gateways. */
export function notificationsClient(http: AgencyHttp) {
  return {
    send: (message: Message, key: string): Promise<AgencyOutcome<{ messageId: string }>> =>
      http.post('/notifications/messages', message, key),
  };
}
export type NotificationsClient = ReturnType<typeof notificationsClient>;
