// What the server put in the page: the communes in force (the same list the API validates with) and
// whether development sign-in is on.
export interface WebConfig {
  communes: { code: string; name: string }[];
  devSignIn: boolean;
}

let cached: WebConfig | undefined;

export function webConfig(): WebConfig {
  if (cached) return cached;
  const text = document.getElementById('web-config')?.textContent ?? '{}';
  const parsed = JSON.parse(text) as Partial<WebConfig>;
  cached = { communes: parsed.communes ?? [], devSignIn: parsed.devSignIn === true };
  return cached;
}

export const communeName = (code: string) =>
  webConfig().communes.find((c) => c.code === code)?.name ?? code;
