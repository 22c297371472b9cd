/** Tables for deployments, replica sets, stateful sets, daemon sets and jobs (printers.go). */
import type { KubeObject } from '../../cluster/types';
import { age, humanDuration, parseTimestamp } from '../duration';
import { formatLabels, formatLabelSelector, labelSelectorString } from '../labels';
import { containerCells, num } from './cells';
import { col, type TablePrinter } from './types';

const templateContainers = (o: KubeObject) => containerCells(o.spec?.template?.spec?.containers);

export const deploymentPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('READY'),
    col('UP-TO-DATE'),
    col('AVAILABLE'),
    col('AGE'),
    col('CONTAINERS', true),
    col('IMAGES', true),
    col('SELECTOR', true),
  ],
  row(d, ctx) {
    const [names, images] = templateContainers(d);
    // printDeployment uses selector.String(), so an empty selector is an empty cell, not <none>.
    const selector = labelSelectorString(d.spec?.selector);
    return [
      d.metadata.name,
      `${num(d.status?.readyReplicas)}/${num(d.spec?.replicas)}`,
      num(d.status?.updatedReplicas),
      num(d.status?.availableReplicas),
      age(d.metadata.creationTimestamp, ctx.now),
      names,
      images,
      selector,
    ];
  },
};

export const replicaSetPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('DESIRED'),
    col('CURRENT'),
    col('READY'),
    col('AGE'),
    col('CONTAINERS', true),
    col('IMAGES', true),
    col('SELECTOR', true),
  ],
  row(rs, ctx) {
    const [names, images] = templateContainers(rs);
    return [
      rs.metadata.name,
      num(rs.spec?.replicas),
      num(rs.status?.replicas),
      num(rs.status?.readyReplicas),
      age(rs.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const statefulSetPrinter: TablePrinter = {
  columns: [col('NAME'), col('READY'), col('AGE'), col('CONTAINERS', true), col('IMAGES', true)],
  row(s, ctx) {
    const [names, images] = templateContainers(s);
    return [
      s.metadata.name,
      `${num(s.status?.readyReplicas)}/${num(s.spec?.replicas)}`,
      age(s.metadata.creationTimestamp, ctx.now),
      names,
      images,
    ];
  },
};

export const daemonSetPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('DESIRED'),
    col('CURRENT'),
    col('READY'),
    col('UP-TO-DATE'),
    col('AVAILABLE'),
    col('NODE SELECTOR'),
    col('AGE'),
    col('CONTAINERS', true),
    col('IMAGES', true),
    col('SELECTOR', true),
  ],
  row(ds, ctx) {
    const [names, images] = templateContainers(ds);
    const st = ds.status ?? {};
    return [
      ds.metadata.name,
      num(st.desiredNumberScheduled),
      num(st.currentNumberScheduled),
      num(st.numberReady),
      num(st.updatedNumberScheduled),
      num(st.numberAvailable),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      age(ds.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

const hasCondition = (o: KubeObject, type: string): boolean =>
  (o.status?.conditions ?? []).find((c: { type: string }) => c.type === type)?.status === 'True';

export const jobPrinter: TablePrinter = {
  columns: [
    col('NAME'),
    col('STATUS'),
    col('COMPLETIONS'),
    col('DURATION'),
    col('AGE'),
    col('CONTAINERS', true),
    col('IMAGES', true),
    col('SELECTOR', true),
  ],
  row(job, ctx) {
    const succeeded = num(job.status?.succeeded);
    let completions: string;
    if (typeof job.spec?.completions === 'number') completions = `${succeeded}/${job.spec.completions}`;
    else
      completions = (job.spec?.parallelism ?? 0) > 1 ? `${succeeded}/1 of ${job.spec.parallelism}` : `${succeeded}/1`;
    const start = parseTimestamp(job.status?.startTime);
    const end = parseTimestamp(job.status?.completionTime);
    const duration = start === undefined ? '' : humanDuration((end ?? ctx.now) - start);
    let status = 'Running';
    if (hasCondition(job, 'Complete')) status = 'Complete';
    else if (hasCondition(job, 'Failed')) status = 'Failed';
    else if (job.metadata.deletionTimestamp) status = 'Terminating';
    else if (hasCondition(job, 'Suspended')) status = 'Suspended';
    else if (hasCondition(job, 'FailureTarget')) status = 'FailureTarget';
    const [names, images] = templateContainers(job);
    return [
      job.metadata.name,
      status,
      completions,
      duration,
      age(job.metadata.creationTimestamp, ctx.now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};
