/** `kubectl get csr` (printers.go printCertificateSigningRequest). */
import type { KubeObject } from '../../cluster/types';
import { age, humanDuration } from '../duration';
import { csrConditionColumn } from '../../certificates/csr';
import { col, type TablePrinter } from './types';

export const certificateSigningRequestPrinter: TablePrinter = {
  columns: [col('NAME'), col('AGE'), col('SIGNERNAME'), col('REQUESTOR'), col('REQUESTEDDURATION'), col('CONDITION')],
  row(csr: KubeObject, ctx) {
    const exp = csr.spec?.expirationSeconds;
    return [
      csr.metadata.name,
      age(csr.metadata.creationTimestamp, ctx.now),
      csr.spec?.signerName || '<none>',
      csr.spec?.username ?? '',
      exp === undefined || exp === null ? '<none>' : humanDuration(Number(exp) * 1000),
      csrConditionColumn(csr),
    ];
  },
};
