export const home = {
  title: 'k8s-netlab',
  description:
    'Learn Kubernetes networking by doing: lessons with a terminal wired to an emulated cluster and its Linux data plane, in your browser.',
  heroTitle: 'Kubernetes networking, down to the packet',
  heroLedeHtml:
    'Follow a request from <code>curl</code> to a pod: through the Service’s virtual IP, the iptables or IPVS rules kube-proxy wrote, conntrack, the veth pair and the node’s routes. Each lesson comes with a terminal on a whole emulated cluster that runs in your browser: no account, no VM, nothing to install.',
  start: (title: string) => `Start with “${title}”`,
  learnTitle: 'What you will learn',
  learnHtml: [
    '<strong>Pod networking.</strong> Network namespaces, veth pairs, bridges and routes, and what a CNI plugin (kindnet, bridge, Weave, the Amazon VPC CNI) sets up for each pod.',
    '<strong>Services.</strong> ClusterIP, NodePort and LoadBalancer, endpoints and EndpointSlices, and the chains kube-proxy writes in iptables mode and the virtual servers it writes in IPVS mode.',
    '<strong>Following a packet.</strong> DNAT, SNAT and masquerade, conntrack entries, and how to read <code>iptables -t nat -S</code>, <code>ipvsadm -Ln</code> and <code>conntrack -L</code> with confidence.',
    '<strong>DNS.</strong> CoreDNS, the resolver’s search list and <code>ndots</code>, headless Services and what <code>nslookup</code> and <code>dig</code> really ask.',
    '<strong>Who may do what.</strong> ServiceAccounts, Roles and RoleBindings, and how the API server’s authorizer decides.',
  ],
  lessonsTitle: 'Lessons',
  cardMeta: (minutes: string) => `about ${minutes} min · cluster`,
  labsTitle: 'Weekly labs',
  labsHtml: (howHref: string) =>
    `Study groups work through the course in weekly labs. A lab is a sheet of exercises taken from the lessons; it lives in the repository’s <code>labs/</code> folder, one file per week. Learners do the exercises here, in the lesson terminals, and hand in their command lines; the group lead grades every submission offline with <code>netlab grade</code>, which replays the commands in a fresh emulated cluster. See <a href="${howHref}">how exercises are checked</a>.`,
  /** The intro lesson's section on checking, linked from the labs paragraph. */
  howAnchor: 'how-exercises-are-checked',
};
