import { describe, expect, it } from 'vitest';
import { labSession } from '../../shell/testing';

const NODE_IP = '192.168.1.51';

describe('who you are: whoami, id, sudo', () => {
  it("is the learner on the host, with the learner's ids", async () => {
    const l = await labSession('aws-vpc-cni');
    expect(await l.run('whoami', 'id', 'echo $USER ~')).toBe(
      'learner\nuid=1000(learner) gid=1000(learner) groups=1000(learner)\nlearner /home/learner\n',
    );
  });

  it('is ec2-user after ssh ec2-user@IP to an EC2 worker, at its home', async () => {
    const l = await labSession('aws-vpc-cni', [`ssh ec2-user@${NODE_IP}`]);
    expect(await l.run('whoami', 'id', 'echo $USER $HOME ~', 'pwd')).toBe(
      'ec2-user\nuid=1000(ec2-user) gid=1000(ec2-user) groups=1000(ec2-user),4(adm),10(wheel),190(systemd-journal)\nec2-user /home/ec2-user /home/ec2-user\n/home/ec2-user\n',
    );
    expect(l.sh.prompt()).toBe('[ec2-user@ip-192-168-1-51 ~]$ ');
  });

  it('logs in as ec2-user when ssh names no user', async () => {
    const l = await labSession('aws-vpc-cni');
    expect(await l.run(`ssh ${NODE_IP} whoami`, `ssh ${NODE_IP} 'cd; pwd'`)).toBe('ec2-user\n/home/ec2-user\n');
  });

  it("runs sudo commands as root in the caller's directory", async () => {
    const l = await labSession('aws-vpc-cni', [`ssh ec2-user@${NODE_IP}`]);
    expect(await l.run('sudo whoami', 'sudo id', 'sudo pwd', 'whoami')).toBe(
      'root\nuid=0(root) gid=0(root) groups=0(root)\n/home/ec2-user\nec2-user\n',
    );
  });

  it('gives a root shell with the # prompt after sudo -i, and ec2-user again after exit', async () => {
    const l = await labSession('aws-vpc-cni', [`ssh ec2-user@${NODE_IP}`, 'sudo -i']);
    expect(await l.run('whoami', 'pwd')).toBe('root\n/root\n');
    expect(l.sh.prompt()).toBe('[root@ip-192-168-1-51 ~]# ');
    await l.run('exit');
    expect(l.sh.prompt()).toBe('[ec2-user@ip-192-168-1-51 ~]$ ');
  });

  it('turns root away as Amazon Linux does', async () => {
    const l = await labSession('aws-vpc-cni');
    expect(await l.run(`ssh root@${NODE_IP}; echo $?`)).toBe(
      'Please login as the user "ec2-user" rather than the user "root".\n\n142\n',
    );
  });

  it('denies a user the instance does not know', async () => {
    const l = await labSession('aws-vpc-cni');
    expect(await l.run(`ssh bob@${NODE_IP}; echo $?`)).toBe(
      `bob@${NODE_IP}: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).\n255\n`,
    );
  });

  it('prints single ids and names with id -u, -g, -G and -n', async () => {
    const l = await labSession('aws-vpc-cni', [`ssh ec2-user@${NODE_IP}`]);
    expect(await l.run('id -u', 'id -un', 'id -G', 'id -Gn', 'id root', 'id nobody; echo $?')).toBe(
      '1000\nec2-user\n1000 4 10 190\nec2-user adm wheel systemd-journal\nuid=0(root) gid=0(root) groups=0(root)\nid: ‘nobody’: no such user\n1\n',
    );
  });

  it('is root in a kind node entered with docker exec', async () => {
    const l = await labSession('kind-iptables', ['docker exec -it myk8s-worker bash']);
    expect(await l.run('whoami', 'id', 'echo $HOME')).toBe('root\nuid=0(root) gid=0(root) groups=0(root)\n/root\n');
  });
});
