// Certificates made here for development only: the documents' CA and the agencies' signing keys
// (documents/pki.ts) and the Temporal cluster's mutual-TLS CA and service certificates
// (scripts/runtime/temporal-pki.ts). Keys are made by Node's crypto; node-forge writes the X.509.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

interface KeyPair {
  /** PEM, SPKI. */
  publicKey: string;
  /** PEM, PKCS#1. */
  privateKey: string;
}

function rsaKeyPair(): KeyPair {
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

// UTF8String: forge encodes the JavaScript string as UTF-8 itself.
const utf8 = (value: string) => ({ value, valueTagClass: forge.asn1.Type.UTF8 as never });

export type DistinguishedName = forge.pki.CertificateField[];

/**
 * What the certificate is for: a CA signs certificates; a document signer signs (and does not
 * repudiate) documents; a TLS peer serves and connects, under the DNS names and IP addresses given.
 */
export type CertificateUse =
  | { kind: 'ca' }
  | { kind: 'document-signing' }
  | { kind: 'tls'; dnsNames: string[]; ipAddresses: string[] };

function extensionsFor(use: CertificateUse): object[] {
  switch (use.kind) {
    case 'ca':
      return [
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ];
    case 'document-signing':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
      ];
    case 'tls':
      return [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            ...use.dnsNames.map((value) => ({ type: 2, value })),
            ...use.ipAddresses.map((ip) => ({ type: 7, ip })),
          ],
        },
      ];
  }
}

/** A certificate for `publicKey`, signed by `signer` (the issuer's private key), as PEM. */
function issueCertificate({
  subject,
  issuer,
  publicKey,
  signer,
  years,
  use,
}: {
  subject: DistinguishedName;
  issuer: DistinguishedName;
  publicKey: string;
  signer: string;
  years: number;
  use: CertificateUse;
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // Positive, unique enough among development certificates: 16 random bytes, top bit clear.
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  cert.setExtensions([...extensionsFor(use), { name: 'subjectKeyIdentifier' }]);
  cert.sign(forge.pki.privateKeyFromPem(signer), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** The subject of a development certificate: marked as development in its organisation. */
export const developmentName = (commonName: string): DistinguishedName => [
  { name: 'countryName', value: 'VN' },
  { name: 'organizationName', ...utf8('Liên thông (phát triển)') },
  { name: 'commonName', ...utf8(commonName) },
];

export interface CertificateAuthority {
  name: DistinguishedName;
  privateKey: string;
  /** PEM. */
  certificate: string;
}

/** A self-signed development CA, valid ten years. */
export function developmentCa(commonName: string): CertificateAuthority {
  const pair = rsaKeyPair();
  const name = developmentName(commonName);
  return {
    name,
    privateKey: pair.privateKey,
    certificate: issueCertificate({
      subject: name,
      issuer: name,
      publicKey: pair.publicKey,
      signer: pair.privateKey,
      years: 10,
      use: { kind: 'ca' },
    }),
  };
}

/** A new key and its certificate for `commonName`, issued by `ca`. */
export function issueUnder(
  ca: CertificateAuthority,
  { commonName, use, years }: { commonName: string; use: CertificateUse; years: number },
): { privateKey: string; certificate: string } {
  const pair = rsaKeyPair();
  return {
    privateKey: pair.privateKey,
    certificate: issueCertificate({
      subject: developmentName(commonName),
      issuer: ca.name,
      publicKey: pair.publicKey,
      signer: ca.privateKey,
      years,
      use,
    }),
  };
}
