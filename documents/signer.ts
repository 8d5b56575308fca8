// Signing the documents a case hands out as PAdES (ETSI EN 319 142-1, baseline B-B): a CAdES
// detached signature (RFC 5652 SignedData over the PDF's byte range) whose signed attributes are
// the content type, the message digest and the ESS signing-certificate-v2 (RFC 5035) that binds the
// signer's certificate — no signing-time attribute: PAdES puts the time in the signature dictionary.
// @signpdf lays the placeholder and splices the signature in; node-forge's PKCS#7 writer cannot
// carry signing-certificate-v2, so the SignedData is assembled here with its ASN.1 encoder.
import { createHash, sign } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import forge from 'node-forge';
import type { PDFDocument } from 'pdf-lib';
import type { Issuer } from '../domain/documents';
import type { Keyring, SigningKey } from './pki';

/**
 * Makes the CMS signature of some bytes for an issuer. The keyring's software keys implement it;
 * an HSM or a USB token would too (out of scope here).
 */
export interface DocumentSigner {
  cms(content: Buffer, issuer: Issuer): Promise<Buffer>;
  /** The issuer's certificate (PEM), for what the document says of its signer. */
  certificate(issuer: Issuer): string;
}

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const node = (type: number, value: string | forge.asn1.Asn1[]) =>
  asn1.create(U, type, Array.isArray(value), value);
const sequence = (value: forge.asn1.Asn1[]) => node(asn1.Type.SEQUENCE, value);
const set = (value: forge.asn1.Asn1[]) => node(asn1.Type.SET, value);
const oid = (id: string) => node(asn1.Type.OID, asn1.oidToDer(id).getBytes());
const octets = (bytes: string) => node(asn1.Type.OCTETSTRING, bytes);
const integer = (n: number) => node(asn1.Type.INTEGER, asn1.integerToDer(n).getBytes());
const explicit = (tag: number, value: forge.asn1.Asn1[]) =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, tag, true, value);
const algorithm = (id: string) => sequence([oid(id), node(asn1.Type.NULL, '')]);
const der = (value: forge.asn1.Asn1) => asn1.toDer(value).getBytes();
const sha256 = (binary: string | Buffer) =>
  createHash('sha256')
    .update(typeof binary === 'string' ? Buffer.from(binary, 'binary') : binary)
    .digest('binary');

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

const attribute = (type: string, value: forge.asn1.Asn1) => sequence([oid(type), set([value])]);

/** The certificate as its issuer signed it: DER bytes and its parsed ASN.1 (no re-encoding). */
function parsed(pem: string) {
  const bytes = forge.pem.decode(pem)[0]?.body;
  if (!bytes) throw new Error('not a PEM certificate');
  const tbs = asn1.fromDer(bytes).value[0] as forge.asn1.Asn1;
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version, serialNumber, signature, issuer, … (RFC 5280 §4.1).
  return { bytes, serial: fields[1] as forge.asn1.Asn1, issuer: fields[3] as forge.asn1.Asn1 };
}

/** The SignedData of `content`, detached, signed by `key` (RSA PKCS#1 v1.5 with SHA-256). */
export function cadesDetached(content: Buffer, key: SigningKey): Buffer {
  const signer = parsed(key.certificate);
  const issuerSerial = () => sequence([signer.issuer, signer.serial]);
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(sha256(content))),
    // ESSCertIDv2 with the default hash (SHA-256) left out, and the issuer as a directory name.
    attribute(
      OID.signingCertificateV2,
      sequence([
        sequence([
          sequence([
            octets(sha256(signer.bytes)),
            sequence([sequence([explicit(4, [signer.issuer])]), signer.serial]),
          ]),
        ]),
      ]),
    ),
  ]
    // DER sorts a SET OF by its members' encodings.
    .map(der)
    .sort()
    .map((bytes) => asn1.fromDer(bytes));
  const signature = sign(
    'sha256',
    Buffer.from(der(set(attributes)), 'binary'),
    key.privateKey,
  ).toString('binary');
  const signerInfo = sequence([
    integer(1),
    issuerSerial(),
    algorithm(OID.sha256),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes),
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const certificates = [key.certificate, ...key.chain].map((pem) =>
    asn1.fromDer(parsed(pem).bytes),
  );
  const signedData = sequence([
    integer(1),
    set([algorithm(OID.sha256)]),
    sequence([oid(OID.data)]),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates),
    set([signerInfo]),
  ]);
  return Buffer.from(der(sequence([oid(OID.signedData), explicit(0, [signedData])])), 'binary');
}

/** Software keys from a keyring (development, or keys an operator provides as files). */
export function keyringSigner(keyring: Keyring): DocumentSigner {
  return {
    cms: (content, issuer) => Promise.resolve(cadesDetached(content, keyring.keys[issuer])),
    certificate: (issuer) => keyring.keys[issuer].certificate,
  };
}

/** The common name of a certificate's subject. */
export function subjectName(pem: string): string {
  const name = forge.pki.certificateFromPem(pem).subject.getField('CN') as
    { value: string } | undefined;
  return name ? forge.util.decodeUtf8(name.value) : '';
}

/**
 * Signs a finished PDF for `issuer`: an invisible signature field with the reason and place, then
 * the CMS over every byte but the signature's own. The document must not be changed after.
 */
export async function signPdf(
  doc: PDFDocument,
  signer: DocumentSigner,
  issuer: Issuer,
  { reason, location, signingTime }: { reason: string; location: string; signingTime: Date },
): Promise<Buffer> {
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason,
    location,
    contactInfo: 'Liên thông',
    name: subjectName(signer.certificate(issuer)),
    signingTime,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    signatureLength: 16_384,
    appName: 'Liên thông',
  });
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signpdf.sign(unsigned, new CmsSigner(signer, issuer));
}

class CmsSigner extends Signer {
  constructor(
    private readonly signer: DocumentSigner,
    private readonly issuer: Issuer,
  ) {
    super();
  }

  override sign(content: Buffer): Promise<Buffer> {
    return this.signer.cms(content, this.issuer);
  }
}
