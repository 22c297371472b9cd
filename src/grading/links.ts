/**
 * Where a lab lives on the site: its sheet at `<base>labs/<id>/`, a learner's own link with
 * `?learner=ID`. The base path is the site's (`/` by default, `/netlab/` when published under a
 * sub-path), so links work wherever the course is hosted.
 */

/** `base` with exactly one slash at each end (`netlab` → `/netlab/`, `` → `/`). */
export function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** The path of a lab's sheet under `base`. */
export function labPath(labId: string, base = '/'): string {
  return `${normaliseBase(base)}labs/${encodeURIComponent(labId)}/`;
}

/** A learner's link to a lab sheet; absolute when `site` (an origin such as https://example.org) is given. */
export function learnerLink(labId: string, learner: string, base = '/', site?: string): string {
  const path = `${labPath(labId, base)}?learner=${encodeURIComponent(learner)}`;
  return site ? `${site.replace(/\/+$/, '')}${path}` : path;
}
