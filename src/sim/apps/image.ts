/**
 * Image references as pod specs spell them (`nginx`, `docker.io/library/nginx:1.25`,
 * `k8s.gcr.io/echoserver:1.5@sha256:...`) turned into one shape: the repository without the
 * default registry or `library/`, and the tag.
 */

export interface ImageRef {
  /** `nginx`, `traefik/whoami`, `k8s.gcr.io/echoserver`. */
  repo: string;
  /** `latest` when none is given. */
  tag: string;
}

/** Split an image reference into repository and tag. */
export function parseImage(image: string): ImageRef {
  const noDigest = image.split('@')[0]!;
  const m = /^(.*?)(?::([^/:]+))?$/.exec(noDigest)!;
  const repo = m[1]!.replace(/^docker\.io\//, '').replace(/^library\//, '');
  return { repo, tag: m[2] ?? 'latest' };
}

/** Whether a repository is `name` under any registry (`echoserver` matches `registry.k8s.io/echoserver`). */
export function repoIs(repo: string, name: string): boolean {
  return repo === name || repo.endsWith(`/${name}`);
}
