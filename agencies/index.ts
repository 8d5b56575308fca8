import { civilStatusClient } from './civil-status.client';
import { createAgencyHttp } from './http';
import { notificationsClient } from './notifications.client';
import { policeClient } from './police.client';
import { meritServicesClient } from './merit-services.client';
import { paymentsClient } from './payments.client';
import { populationClient } from './population.client';
import { socialInsuranceClient } from './social-insurance.client';
import { socialProtectionClient } from './social-protection.client';

/** Every agency client, reached at `baseUrl` (the simulators here; each agency's own URL in production). */
export function createAgencies(
  baseUrl: string,
  options: Parameters<typeof createAgencyHttp>[1] = {},
) {
  const http = createAgencyHttp(baseUrl, options);
  return {
    civilStatus: civilStatusClient(http),
    population: populationClient(http),
    police: policeClient(http),
    socialInsurance: socialInsuranceClient(http),
    socialProtection: socialProtectionClient(http),
    meritServices: meritServicesClient(http),
    payments: paymentsClient(http),
    notifications: notificationsClient(http),
  };
}
export type Agencies = ReturnType<typeof createAgencies>;
