/**
 * The article's RHEL CoreOS transcripts (coreos-article-fr.md), replayed on the RHCOS profile after
 * one upgrade: install 48.84.202105281935-0, boot, publish and upgrade to 48.84.202106231817-0,
 * reboot. Checksums differ from the article's (the engine hashes its own serialization); names,
 * layout, link counts, sizes and dates are the article's.
 */
import { describe, expect, it } from 'vitest'
import { boot, installImage, publishRelease, reboot, upgrade } from '../ops'
import { listDeployments } from '../status'
import { after, chain, deepFreeze } from '../testkit'
import { initialShell } from './login'
import { runCommand } from './run'

const machine = deepFreeze(
  chain(
    after(installImage({ profile: 'rhcos', scale: 60 })),
    boot,
    publishRelease,
    (m) => upgrade(m),
    (m) => reboot(m),
  ).machine,
)
const list = listDeployments(machine)
const booted = list.find((d) => d.booted)!
const rollback = list.find((d) => d.rollback)!
const run = (line: string): string => runCommand(machine, initialShell(), line).output

describe('the article, on RHEL CoreOS 4.8', () => {
  it('[article] ls -l / lists the same symlinks, each with the SELinux dot', () => {
    const text = run('ls -l /')
    const article = [
      'bin -> usr/bin',
      'home -> var/home',
      'lib -> usr/lib',
      'lib64 -> usr/lib64',
      'media -> run/media',
      'mnt -> var/mnt',
      'opt -> var/opt',
      'ostree -> sysroot/ostree',
      'root -> var/roothome',
      'sbin -> usr/sbin',
      'srv -> var/srv',
    ]
    const symlinks = text
      .split('\n')
      .filter((l) => l.startsWith('lrwxrwxrwx. '))
      .map((l) => /\S+ -> \S+$/.exec(l)?.[0])
    expect(symlinks).toEqual(article)
    const dirs = text
      .split('\n')
      .filter((l) => l.startsWith('d'))
      .map((l) => l.split(' ').pop())
    expect(dirs).toEqual([
      'boot',
      'dev',
      'etc',
      'proc',
      'run',
      'sys',
      'sysroot',
      'tmp',
      'usr',
      'var',
    ])
    // As in the article: usr with 12 links and 155 bytes, dated Jan  1  1970; tmp sticky.
    expect(text).toMatch(/\ndrwxr-xr-x\. +12 root root +155 Jan {2}1 {2}1970 usr\n/)
    expect(text).toMatch(/\ndrwxrwxrwt\. /)
    expect(text).toMatch(
      /\ndr-xr-xr-x\. +[0-9]+ root root +0 [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2} proc\n/,
    )
  })

  it('[article] sudo ostree admin status: * on the booted deployment, Version, origin refspec, (rollback)', () => {
    expect(run('sudo ostree admin status')).toBe(
      `* rhcos ${booted.checksum}.0\n` +
        '    Version: 48.84.202106231817-0\n' +
        `    origin refspec: ${booted.checksum}\n` +
        `  rhcos ${rollback.checksum}.0 (rollback)\n` +
        '    Version: 48.84.202105281935-0\n' +
        `    origin refspec: ${rollback.checksum}\n`,
    )
  })

  it('[article] ls /ostree/deploy/rhcos/deploy/*/ prints both roots in the same columns', () => {
    const [first, second] = [booted.checksum, rollback.checksum].sort()
    const root =
      'bin   dev  home  lib64  mnt  ostree  root  sbin  sys      tmp  var\n' +
      'boot  etc  lib   media  opt  proc    run   srv   sysroot  usr\n'
    expect(run('ls /ostree/deploy/rhcos/deploy/*/')).toBe(
      `/ostree/deploy/rhcos/deploy/${first}.0/:\n${root}\n/ostree/deploy/rhcos/deploy/${second}.0/:\n${root}`,
    )
  })

  it('[article] ls -li …/*/bin/ls: two lines, one inode, 3 links, -rwxr-xr-x. 143368 Jan  1  1970', () => {
    const lines = run('ls -li /ostree/deploy/rhcos/deploy/*/bin/ls').trim().split('\n')
    expect(lines).toHaveLength(2)
    const ino = lines[0]!.split(' ')[0]
    for (const line of lines) {
      expect(line).toMatch(
        /^[0-9]+ -rwxr-xr-x\. 3 root root 143368 Jan {2}1 {2}1970 \/ostree\/deploy\/rhcos\/deploy\/[0-9a-f]{64}\.0\/bin\/ls$/,
      )
      expect(line.split(' ')[0]).toBe(ino)
    }
  })

  it('[article] cat /etc/os-release: the RHCOS 4.8 text, with the booted version', () => {
    const text = run('cat /etc/os-release')
    expect(text.split('\n').slice(0, 7)).toEqual([
      'NAME="Red Hat Enterprise Linux CoreOS"',
      'VERSION="48.84.202106231817-0"',
      'ID="rhcos"',
      'ID_LIKE="rhel fedora"',
      'VERSION_ID="4.8"',
      'PLATFORM_ID="platform:el8"',
      'PRETTY_NAME="Red Hat Enterprise Linux CoreOS 48.84.202106231817-0 (Ootpa)"',
    ])
    expect(text).toContain('RHEL_VERSION="8.4"\n')
  })

  it('[article] rpm -qa | grep kernel and | grep glibc: the subpackages in the article’s order', () => {
    // The article shows 48.84.202108062347-0 (kernel 4.18.0-305.10.2.el8_4); this machine booted
    // 48.84.202106231817-0, whose kernel the catalogue takes as 4.18.0-305.3.1.el8_4.
    expect(run('rpm -qa | grep kernel')).toBe(
      'kernel-core-4.18.0-305.3.1.el8_4.x86_64\n' +
        'kernel-modules-4.18.0-305.3.1.el8_4.x86_64\n' +
        'kernel-modules-extra-4.18.0-305.3.1.el8_4.x86_64\n' +
        'kernel-4.18.0-305.3.1.el8_4.x86_64\n',
    )
    expect(run('rpm -qa |grep glibc')).toBe(
      'glibc-common-2.28-151.el8.x86_64\nglibc-all-langpacks-2.28-151.el8.x86_64\nglibc-2.28-151.el8.x86_64\n',
    )
  })

  it('[article] sha1sum /lib64/libc-2.28.so hashes the file (a stand-in here, so not the article’s digest)', () => {
    expect(run('sha1sum /lib64/libc-2.28.so')).toMatch(
      /^[0-9a-f]{40} {2}\/lib64\/libc-2\.28\.so\n$/,
    )
    expect(run('ls -lL /lib64/libc-2.28.so')).toMatch(
      /^-rwxr-xr-x\. 3 root root [0-9]+ Jan {2}1 {2}1970 /,
    )
  })

  it('[article] the prompt is [core@coreos ~]$', () => {
    expect(run('hostname')).toBe('coreos\n')
  })
})
