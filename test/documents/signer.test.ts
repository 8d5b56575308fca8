// The PAdES signature itself, read back by poppler's pdfsig and by an ASN.1 parser: what a verifier
// outside this project sees.
import { join } from 'node:path';
import { stat, writeFile } from 'node:fs/promises';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { developmentKeyring, readKeyring, writeKeyring } from '../../documents/pki';
import { cadesDetached, keyringSigner, signPdf, subjectName } from '../../documents/signer';
import { pdfsig, scratch, testKeyring, trustStore } from '../support/documents';

describe('PAdES signatures', () => {
  let files: Awaited<ReturnType<typeof scratch>>;
  beforeAll(async () => {
    files = await scratch();
  });
  afterAll(() => files.remove());

  const signed = async (keyring = testKeyring()) => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Trich luc khai sinh');
    return signPdf(doc, keyringSigner(keyring), 'police', {
      reason: 'Thông báo kết quả đăng ký thường trú',
      location: 'Phường Phúc Xá',
      signingTime: new Date(),
    });
  };

  it('when a PDF is signed for the police, then pdfsig finds one ETSI.CAdES.detached signature by the police’s certificate, valid and trusted under the development CA', async () => {
    const path = join(files.dir, 'police.pdf');
    await writeFile(path, await signed());
    const nss = await trustStore(join(files.dir, 'trusting'), testKeyring().caCertificate);
    expect(await pdfsig(path, nss)).toMatchObject([
      {
        type: 'ETSI.CAdES.detached',
        signer: 'Công an cấp xã — Cơ quan đăng ký cư trú',
        signatureValid: true,
        certificateTrusted: true,
      },
    ]);
  });

  it('when the verifier trusts another CA, then the signature is still intact but its certificate is not trusted', async () => {
    const path = join(files.dir, 'police.pdf');
    await writeFile(path, await signed());
    const stranger = developmentKeyring();
    const nss = await trustStore(join(files.dir, 'other'), stranger.caCertificate);
    const [signature] = await pdfsig(path, nss);
    expect(signature?.signatureValid).toBe(true);
    expect(signature?.certificateTrusted, signature?.report).toBe(false);
  });

  it('when the CMS is read back, then its signed attributes are the content type, the digest and the ESS signing-certificate-v2 naming the signer’s certificate — and no signing time (PAdES B-B)', () => {
    const keyring = testKeyring();
    const content = Buffer.from('the signed byte ranges');
    const cms = forge.asn1.fromDer(cadesDetached(content, keyring.keys.police).toString('binary'));
    const signerInfo = (
      ((cms.value[1] as forge.asn1.Asn1).value[0] as forge.asn1.Asn1).value as forge.asn1.Asn1[]
    ).at(-1)?.value[0] as forge.asn1.Asn1;
    const attributes = (signerInfo.value as forge.asn1.Asn1[]).find(
      (node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && Number(node.type) === 0,
    )?.value as forge.asn1.Asn1[];
    const byOid = new Map(
      attributes.map((a) => {
        const [type, values] = a.value as forge.asn1.Asn1[];
        return [forge.asn1.derToOid(type?.value as string), values] as const;
      }),
    );
    expect([...byOid.keys()].sort()).toEqual(
      [
        '1.2.840.113549.1.9.3', // contentType
        '1.2.840.113549.1.9.4', // messageDigest
        '1.2.840.113549.1.9.16.2.47', // signingCertificateV2
      ].sort(),
    );
    const digest = (byOid.get('1.2.840.113549.1.9.4')?.value as forge.asn1.Asn1[])[0]?.value;
    expect(Buffer.from(digest as string, 'binary').toString('hex')).toBe(
      forge.md.sha256.create().update(content.toString('binary')).digest().toHex(),
    );
    const certDer = forge.asn1
      .toDer(
        forge.pki.certificateToAsn1(forge.pki.certificateFromPem(keyring.keys.police.certificate)),
      )
      .getBytes();
    const essCertId = (
      (
        (byOid.get('1.2.840.113549.1.9.16.2.47')?.value as forge.asn1.Asn1[])[0]
          ?.value as forge.asn1.Asn1[]
      )[0]?.value as forge.asn1.Asn1[]
    )[0]?.value as forge.asn1.Asn1[];
    expect(Buffer.from(essCertId[0]?.value as string, 'binary').toString('hex')).toBe(
      forge.md.sha256.create().update(certDer).digest().toHex(),
    );
  });

  it('when a keyring is written to a directory and read back, then it signs the same, its keys readable by their owner only', async () => {
    const dir = join(files.dir, 'keys');
    const keyring = developmentKeyring();
    await writeKeyring(dir, keyring);
    const read = await readKeyring(dir);
    expect(read).toEqual(keyring);
    expect((await stat(join(dir, 'police.key.pem'))).mode & 0o077).toBe(0);
    expect(subjectName(read.keys['civil-status'].certificate)).toBe(
      'Ủy ban nhân dân cấp xã — Công chức Tư pháp - Hộ tịch',
    );
  });
});
