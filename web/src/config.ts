// What the server put in the page: the communes in force (the same list the API validates with), the
// identity provider people sign in at, and whether development sign-in (a test switch) is on.
export interface SignInProvider {
  issuer: string;
  clientId: string;
}

export interface WebConfig {
  communes: { code: string; name: string }[];
  devSignIn: boolean;
  signIn: SignInProvider | null;
}

let cached: WebConfig | undefined;

export function webConfig(): WebConfig {
  if (cached) return cached;
  const text = document.getElementById('web-config')?.textContent ?? '{}';
  const parsed = JSON.parse(text) as Partial<WebConfig>;
  cached = {
    communes: parsed.communes ?? [],
    devSignIn: parsed.devSignIn === true,
    signIn: parsed.signIn ?? null,
  };
  return cached;
}

export const communeName = (code: string) =>
  webConfig().communes.find((c) => c.code === code)?.name ?? code;
