import type { AgencyHttp, AgencyOutcome } from './http';

export type PaymentChannel =
  | { channel: 'bank'; bankAccount: { bank: string; number: string } }
  | { channel: 'post'; postAddress: { commune: string; line: string } };

export type PaymentRequest = {
  /** What the money is for (`<caseId>:funeral`); at most one payment is made per reference. */
  reference: string;
  payee: { fullName: string; pin: string };
  amountVnd: number;
} & PaymentChannel;

export interface Paid {
  status: 'paid';
  paymentRef: string;
  channel: 'bank' | 'post';
  amountVnd: number;
}

/**
 * The payments service (State Treasury / VNPost / banks behind one door). A bank transfer to an
 * invalid or closed account is refused (422 `PAYMENTS.INVALID_ACCOUNT`); nothing is paid then.
 */
export function paymentsClient(http: AgencyHttp) {
  return {
    pay: (request: PaymentRequest, key: string): Promise<AgencyOutcome<Paid>> =>
      http.post('/payments/payments', request, key),
    /** After an annulment: a claim to recover what was paid. */
    reclaim: (
      paymentRef: string,
      reason: string,
      key: string,
    ): Promise<
      AgencyOutcome<{ status: 'reclaim_opened'; reclaimRef: string; amountVnd: number }>
    > => http.post('/payments/reclaims', { paymentRef, reason }, key),
  };
}
export type PaymentsClient = ReturnType<typeof paymentsClient>;
