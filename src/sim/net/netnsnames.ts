/** The names of the data plane's network namespaces: `host`, `internet`, `node/NAME`, `pod/NS/NAME`, `container/NAME`. */

/** The learner's machine. */
export const HOST_NETNS = 'host';
/** The few hosts of the emulated internet live in one namespace behind the learner's router. */
export const INTERNET_NETNS = 'internet';
/** The netns name of a node. */
export const nodeNetnsName = (node: string): string => `node/${node}`;
/** The netns name of a pod. */
export const podNetnsName = (namespace: string, pod: string): string => `pod/${namespace}/${pod}`;
/** The netns name of a container the learner started with `docker run`. */
export const containerNetnsName = (name: string): string => `container/${name}`;
