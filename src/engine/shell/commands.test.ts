import { describe, expect, it } from 'vitest'
import { boot, installImage, shutdown } from '../ops'
import { listDeployments } from '../status'
import { deployPath } from '../sysroot'
import { after, deepFreeze } from '../testkit'
import type { Machine } from '../types'
import { complete } from './complete'
import { Sink } from './context'
import { initialShell } from './login'
import { promptOf, runCommand } from './run'
import type { ShellResult, ShellState } from './types'

const installed = deepFreeze(after(installImage({ profile: 'fcos', scale: 60 })))
const m = deepFreeze(after(boot(installed)))
const dir = deployPath(listDeployments(m)[0]!)

/** Runs command lines one after the other, each on the machine and state the previous left. */
function sh(...lines: string[]): ShellResult & { all: string } {
  let machine: Machine = m
  let state: ShellState = initialShell()
  let last: ShellResult | null = null
  let all = ''
  for (const line of lines) {
    last = runCommand(machine, state, line)
    all += last.output
    machine = last.machine
    state = last.state
  }
  return { ...(last as ShellResult), all }
}

const out = (...lines: string[]): string => sh(...lines).output
/** The keys of the simulator's own notices for the last line. */
const noticed = (r: ShellResult): string[] => (r.notices ?? []).map((n) => n.message.key)

describe('ls', () => {
  it('[ls -l] lists the root of a deployment: the symlinks of reference 1.7, an SELinux dot, aligned columns', () => {
    const text = out('ls -l /')
    const lines = text.split('\n').filter((l) => l !== '')
    expect(lines[0]).toMatch(/^total [0-9]+$/)
    const links = Object.fromEntries(
      lines
        .filter((l) => l.startsWith('l'))
        .map((l) => {
          const [name, target] = l.split(' -> ')
          return [name!.split(' ').pop(), target]
        }),
    )
    expect(links).toEqual({
      bin: 'usr/bin',
      home: 'var/home',
      lib: 'usr/lib',
      lib64: 'usr/lib64',
      media: 'run/media',
      mnt: 'var/mnt',
      opt: 'var/opt',
      ostree: 'sysroot/ostree',
      root: 'var/roothome',
      sbin: 'usr/sbin',
      srv: 'var/srv',
    })
    for (const l of lines.slice(1))
      expect(l).toMatch(
        /^[dl-][rwxst-]{9}\. +[0-9]+ root root +[0-9]+ [A-Z][a-z]{2} [ 0-9]{2} [0-9 :]{5} /,
      )
    // Every date starts at the same column: nlink and size are right-aligned, names left.
    const dateAt = new Set(lines.slice(1).map((l) => l.search(/[A-Z][a-z]{2} [ 0-9]{2} /)))
    expect(dateAt.size).toBe(1)
    // /usr is the deployment's usr: mtime 0 from the checkout, 12 links, 155 bytes (the article).
    expect(text).toContain('drwxr-xr-x. 12 root root  155 Jan  1  1970 usr\n')
    expect(text).toMatch(/dr-xr-xr-x\. +2 root root +0 .* proc\n/)
  })

  it('[ls] on the terminal lists in columns; piped, one name per line', () => {
    expect(out('ls /')).toBe(
      'bin   dev  home  lib64  mnt  ostree  root  sbin  sys      tmp  var\n' +
        'boot  etc  lib   media  opt  proc    run   srv   sysroot  usr\n',
    )
    expect(out('ls / | head -3')).toBe('bin\nboot\ndev\n')
  })

  it('[ls -l] a file from the repo: mode, link count 2 (repo and one deployment), size, Jan  1  1970', () => {
    expect(out('ls -l /usr/bin/ls')).toMatch(
      /^-rwxr-xr-x\. 2 root root [0-9]+ Jan {2}1 {2}1970 \/usr\/bin\/ls\n$/,
    )
  })

  it('[ls -li] the inode of /usr/bin/ls is the one in the deployment folder and in the repo', () => {
    const a = out('ls -i /usr/bin/ls').trim().split(' ')[0]
    const b = out(`ls -i ${dir}/usr/bin/ls`).trim().split(' ')[0]
    expect(a).toBe(b)
  })

  it('[ls] -l does not follow a symlink operand; without -l it lists the directory it names', () => {
    expect(out('ls -ld /home')).toMatch(/^lrwxrwxrwx\. .* \/home -> var\/home\n$/)
    expect(out('ls /home')).toBe('core\n')
  })

  it('[ls] -a shows . and .., -A hidden names only, -h human sizes, -R recursion with headers', () => {
    expect(out('ls -a /sysroot')).toBe('.  ..  .coreos-aleph-version.json  boot  ostree\n')
    expect(out('ls -A /sysroot')).toBe('.coreos-aleph-version.json  boot  ostree\n')
    expect(out('ls -lh /boot/ostree/*/vmlinuz*')).toMatch(/ 14M [A-Z]/)
    expect(out('ls -R /sysroot/boot /usr/local')).toMatch(
      /^\/sysroot\/boot:\n\n\/usr\/local:\nbin {2}etc {2}lib {2}sbin {2}share {2}src\n\n\/usr\/local\/bin:\n\n/,
    )
  })

  it('[ls] errors: cannot access (exit 2), cannot open a directory core may not read', () => {
    const missing = sh('ls /nope')
    expect(missing.output).toBe("ls: cannot access '/nope': No such file or directory\n")
    expect(missing.exitCode).toBe(2)
    expect(out('ls /root/')).toBe("ls: cannot open directory '/root/': Permission denied\n")
    expect(out('sudo ls /root/')).toBe('')
    expect(out('ls -z')).toBe("ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n")
  })
})

describe('reading files', () => {
  it('[cat] prints a file; errors name the file', () => {
    expect(out('cat /etc/os-release')).toContain('PRETTY_NAME="Fedora CoreOS 39.20231101.3.0"\n')
    expect(out('cat /nope')).toBe('cat: /nope: No such file or directory\n')
    expect(out('cat /etc')).toBe('cat: /etc: Is a directory\n')
  })

  it('[cat /proc/cmdline] shows the running kernel command line', () => {
    expect(out('cat /proc/cmdline')).toBe(`${m.runtime!.cmdline}\n`)
    expect(out('cat /proc/cmdline')).toContain(' ostree=/ostree/boot.1/fedora-coreos/')
  })

  it('[head] [tail] -n N, -N, +N', () => {
    expect(out('head -n 2 /etc/os-release')).toBe(
      'NAME="Fedora Linux"\nVERSION="39.20231101.3.0 (CoreOS)"\n',
    )
    expect(out('tail -1 /etc/os-release')).toBe("OSTREE_VERSION='39.20231101.3.0'\n")
    expect(out('head -c 4 /etc/os-release')).toBe('NAME')
    expect(out('tail -n +22 /etc/os-release')).toBe("OSTREE_VERSION='39.20231101.3.0'\n")
    expect(out('head /nope')).toBe(
      "head: cannot open '/nope' for reading: No such file or directory\n",
    )
  })

  it('[wc] widths as coreutils: one file by its size, a pipe by 7, one count unpadded', () => {
    expect(out('echo hello > h; wc h')).toBe('1 1 6 h\n')
    expect(out("printf 'a\\nb\\n' | wc")).toBe('      2       2       4\n')
    expect(out('echo hello | wc -l')).toBe('1\n')
    expect(out('echo hello > h; wc < h')).toBe('1 1 6\n')
  })

  it('[grep] -i -v -c -n, basic regular expressions, exit 1 without a match', () => {
    expect(out('grep -n ^PRETTY /etc/os-release')).toBe(
      '7:PRETTY_NAME="Fedora CoreOS 39.20231101.3.0"\n',
    )
    expect(out('grep -ic coreos /etc/os-release')).toBe('8\n')
    expect(out('grep -c "\\(sudo\\|wheel\\)" /etc/group')).toBe('2\n')
    expect(out('grep -v : /etc/group')).toBe('')
    expect(sh('grep nothing-here /etc/group').exitCode).toBe(1)
    expect(out("grep -E 'ID=(fedora|rhcos)$' /etc/os-release")).toBe('ID=fedora\n')
    expect(out('grep "[" /etc/group')).toBe('grep: Unmatched [, [^, [:, [., or [=\n')
  })

  it('[sha256sum] [sha1sum] hash the bytes of a file (checked against coreutils)', () => {
    expect(out('echo -n data > d; sha256sum d')).toBe(
      '3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7  d\n',
    )
    expect(out('echo -n data | sha1sum')).toBe('a17c9aaa61e80a1bf71d0d850af4e5baa9800bbd  -\n')
  })

  it('[stat] the default layout of coreutils 9, with /usr/bin/ls from the repo', () => {
    const text = out('stat /usr/bin/ls')
    const lines = text.split('\n')
    expect(lines[0]).toBe('  File: /usr/bin/ls')
    expect(lines[1]).toMatch(/^ {2}Size: [0-9]+ +Blocks: [0-9]+ +IO Block: 4096 {3}regular file$/)
    expect(lines[2]).toMatch(/^Device: 252,4 +Inode: [0-9]+ +Links: 2$/)
    expect(lines[3]).toBe(
      'Access: (0755/-rwxr-xr-x)  Uid: (    0/    root)   Gid: (    0/    root)',
    )
    expect(lines[5]).toBe('Modify: 1970-01-01 00:00:00.000000000 +0000')
    expect(lines[7]).toBe(' Birth: -')
    expect(out('stat -c "%n %h %U" /etc/passwd')).toBe('/etc/passwd 1 root\n')
  })

  it('[readlink] a symlink, -f through every symlink', () => {
    expect(out('readlink /bin')).toBe('usr/bin\n')
    expect(out('readlink -f /bin/ls')).toBe('/usr/bin/ls\n')
    expect(out('readlink -f /home/core/new')).toBe('/var/home/core/new\n')
    expect(sh('readlink /etc').exitCode).toBe(1)
  })
})

describe('walking the tree', () => {
  it('[find] -name, -type, -maxdepth; no symlink followed', () => {
    expect(out('find /etc -maxdepth 1 -name "os-*"')).toBe('/etc/os-release\n')
    expect(out('find / -maxdepth 1 -type l | wc -l')).toBe('11\n')
    expect(out('find /home')).toBe('/home\n')
    expect(out('cd /etc/ssh; find . -maxdepth 1 -type d')).toBe('.\n./sshd_config.d\n')
  })

  it('[find] a directory core may not read: a message, status 1, the walk goes on', () => {
    const r = sh('find /var -maxdepth 1 -name roothome; find /var/roothome')
    expect(r.output).toBe(
      "/var/roothome\n/var/roothome\nfind: '/var/roothome': Permission denied\n",
    )
    expect(r.exitCode).toBe(1)
  })

  it('[du] counts a hard-linked inode once: the repo and a deployment share their files', () => {
    const kb = (line: string): number => Number(out(line).split(/\s+/)[0])
    const repo = kb('sudo du -s /ostree/repo')
    const deployment = kb(`sudo du -s ${dir}`)
    const both = Number(out(`sudo du -sc /ostree/repo ${dir} | tail -1`).split(/\s+/)[0])
    expect(both).toBeLessThan(repo + deployment)
    expect(out('sudo du -sh /usr')).toMatch(/^[0-9.]+[KMG] +\/usr\n$/)
  })

  it('[df -h] the mounted filesystems: /sysroot and /boot from their partitions, /run', () => {
    const lines = out('df -h').split('\n')
    expect(lines[0]).toBe('Filesystem      Size  Used Avail Use% Mounted on')
    expect(lines.some((l) => /^\/dev\/vda4 +[0-9.]+G .* \/sysroot$/.test(l))).toBe(true)
    expect(lines.some((l) => /^\/dev\/vda3 +3[0-9]{2}M .* \/boot$/.test(l))).toBe(true)
    expect(lines.some((l) => /^tmpfs .* \/run$/.test(l))).toBe(true)
    expect(lines.some((l) => / \/$/.test(l))).toBe(false)
  })
})

describe('the running system', () => {
  it('[findmnt] a tree from /, with the bind mounts of reference 5.4; --real leaves out /run', () => {
    const text = out('findmnt')
    const lines = text.split('\n')
    expect(lines[0]).toMatch(/^TARGET +SOURCE +FSTYPE +OPTIONS$/)
    expect(lines[1]).toMatch(
      new RegExp(`^/ +/dev/vda4\\[${dir.replace(/\./g, '\\.')}\\] +xfs +rw,`),
    )
    expect(text).toMatch(/├─\/sysroot +\/dev\/vda4 +xfs +ro,/)
    expect(text).toMatch(/│ └─\/sysroot\/ostree\/deploy\/fedora-coreos\/var /)
    expect(text).toMatch(/├─\/usr +\/dev\/vda4\[.*\/usr\] +xfs +ro,/)
    expect(text).toMatch(/└─\/boot +\/dev\/vda3 +ext4 +ro,/)
    expect(out('findmnt --real')).not.toContain('/run')
  })

  it('[mount] lists the mount table', () => {
    expect(out('mount').split('\n')[0]).toBe(
      '/dev/vda4 on / type xfs (rw,relatime,attr2,inode64,prjquota)',
    )
  })

  it('[uname -r] the booted kernel; [hostname] [whoami] [id]', () => {
    expect(out('uname -r')).toBe('6.5.9-300.fc39.x86_64\n')
    expect(out('uname')).toBe('Linux\n')
    expect(out('hostname')).toBe('localhost\n')
    expect(out('whoami; sudo whoami')).toBe('core\nroot\n')
    expect(out('id')).toBe(
      'uid=1000(core) gid=1000(core) groups=1000(core),4(adm),10(wheel),16(sudo),190(systemd-journal) context=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023\n',
    )
    expect(out('id -un; sudo id -u')).toBe('core\n0\n')
  })

  it('[rpm] the packages of the booted release: its lockfile, 431 packages (reference 0)', () => {
    const kernel = out('rpm -qa | grep ^kernel')
    expect(kernel).toBe(
      'kernel-6.5.9-300.fc39.x86_64\nkernel-core-6.5.9-300.fc39.x86_64\nkernel-modules-6.5.9-300.fc39.x86_64\nkernel-modules-core-6.5.9-300.fc39.x86_64\n',
    )
    expect(out('rpm -qa | wc -l')).toBe('431\n')
    // the overrides of stable@4408116c pin zincati and fast-track selinux-policy over the lockfile
    expect(out('rpm -q zincati selinux-policy ignition')).toBe(
      'zincati-0.0.25-6.fc39.x86_64\nselinux-policy-39.1-1.fc39.noarch\nignition-2.16.2-2.fc39.x86_64\n',
    )
    expect(out('rpm -q ostree rpm-ostree')).toBe(
      'ostree-2023.6-1.fc39.x86_64\nrpm-ostree-2023.8-2.fc39.x86_64\n',
    )
    const missing = sh('rpm -q dnf')
    expect(missing.output).toBe('package dnf is not installed\n')
    expect(missing.exitCode).toBe(1)
    expect(out('rpm -q NetworkManager')).toBe('NetworkManager-1.44.0-1.fc39.x86_64\n')
  })

  it('[systemctl status] a unit of this boot; an unknown unit cannot be found', () => {
    const text = out('systemctl status ostree-remount')
    expect(text.split('\n')[0]).toBe('● ostree-remount.service - OSTree Remount OS/ Bind Mounts')
    expect(text).toContain('     Active: active (exited) since ')
    const missing = sh('systemctl status nope')
    expect(missing.output).toBe('Unit nope.service could not be found.\n')
    expect(missing.exitCode).toBe(4)
  })

  it('[journalctl -b -u] the journal of a unit this boot', () => {
    const text = out('journalctl -b -u ostree-prepare-root.service')
    expect(text).toContain(`ostree-prepare-root: Resolved OSTree target to: /sysroot${dir}\n`)
    expect(text).toMatch(
      /^[A-Z][a-z]{2} [0-9]{2} [0-9:]{8} localhost systemd\[1\]: Starting ostree-prepare-root\.service - OSTree Prepare OS\/\.\.\.\n/,
    )
    expect(out('journalctl -u nope.service')).toBe('-- No entries --\n')
  })
})

describe('shell', () => {
  it('[cd] [pwd] keep the logical path; cd - goes back and prints it', () => {
    expect(out('pwd')).toBe('/var/home/core\n')
    expect(out('cd /home/core; pwd; pwd -P')).toBe('/home/core\n/var/home/core\n')
    expect(out('cd /usr/bin; cd ..; pwd; cd -')).toBe('/usr\n/usr/bin\n')
    expect(out('cd /nope')).toBe('bash: cd: /nope: No such file or directory\n')
    expect(out('cd /var/roothome')).toBe('bash: cd: /var/roothome: Permission denied\n')
  })

  it('[echo] -n, -e, variables, $?', () => {
    expect(out('echo -n a; echo b')).toBe('ab\n')
    expect(out('echo -e "a\\tb"')).toBe('a       b\n')
    expect(out('false; echo $?; ls /nope 2>/dev/null; echo $?')).toBe('1\n2\n')
    expect(out('X=1; echo $X; export Y=2; echo "$X$Y"')).toBe('1\n12\n')
  })

  it('[shell] && and || short-circuit; a pipeline takes its last status; ! negates', () => {
    expect(out('true && echo a || echo b; false && echo c || echo d')).toBe('a\nd\n')
    expect(sh('ls /nope | true').exitCode).toBe(0)
    expect(sh('! false').exitCode).toBe(0)
  })

  it('[shell] an unknown command: bash: foo: command not found, status 127', () => {
    const r = sh('foo')
    expect(r.output).toBe('bash: foo: command not found\n')
    expect(r.exitCode).toBe(127)
    expect(out('sudo foo')).toBe('sudo: foo: command not found\n')
    expect(out('sudo cd /')).toBe('sudo: cd: command not found\n')
  })

  it('[shell] a syntax error: bash’s message, status 2', () => {
    const r = sh('ls | | wc')
    expect(r.output).toBe("bash: syntax error near unexpected token `|'\n")
    expect(r.exitCode).toBe(2)
  })

  it('[globs] expand against the tree through the mount table and symlinks', () => {
    expect(out('echo /usr/lib64/libc.so*')).toBe('/usr/lib64/libc.so.6\n')
    expect(out('echo /ostree/deploy/*/deploy/*/bin/ls')).toBe(`${dir}/bin/ls\n`)
    expect(out('echo /nothing*')).toBe('/nothing*\n')
    expect(out("echo '/usr/*'")).toBe('/usr/*\n')
    expect(out('echo /sysroot/.c*')).toBe('/sysroot/.coreos-aleph-version.json\n')
  })

  it('[history] numbers the lines typed; [clear] asks the terminal to clear; [help] lists commands', () => {
    expect(out('ls', 'pwd', 'history')).toBe('    1  ls\n    2  pwd\n    3  history\n')
    expect(sh('clear').clear).toBe(true)
    const help = sh('help')
    expect(help.output).toBe('')
    expect(noticed(help)).toEqual(['shell.help'])
  })

  it('[prompt] [core@host dir]$ with ~ for the home directory', () => {
    expect(promptOf(m, initialShell())).toBe('[core@localhost ~]$ ')
    expect(promptOf(m, sh('cd /etc/ssh').state)).toBe('[core@localhost ssh]$ ')
  })

  it('[off] a machine that is off, or still booting, answers that nothing runs', () => {
    const off = runCommand(installed, initialShell(), 'ls')
    expect(off.output).toBe('')
    expect(noticed(off)).toEqual(['shell.off'])
    expect(off.exitCode).toBe(255)
    expect(off.steps).toEqual([])
    expect(noticed(runCommand(installed, initialShell(), ' '))).toEqual([])
    const down = after(shutdown(m, { reboot: false }))
    expect(noticed(runCommand(down, initialShell(), 'uname -r'))).toEqual(['shell.off'])
    const booting = after(boot(installed).slice(0, 3))
    expect(runCommand(booting, initialShell(), 'ls').notices).toEqual([
      { line: 0, message: { key: 'shell.booting', params: { phase: 'bootloader' } } },
    ])
  })

  it('[bounds] output stops at MAX_OUTPUT lines with a notice', () => {
    const r = sh('sudo find / / / / / / / / / /')
    const lines = r.output.split('\n')
    expect(lines.length).toBeLessThanOrEqual(5001)
    const cut = r.notices?.at(-1)
    expect(cut?.message.key).toBe('shell.outputCut')
    expect(cut?.line).toBe(lines.length - 1)
    expect(Number(cut?.message.params?.count)).toBeGreaterThan(0)
  })

  it('[bounds] a sink keeps whole lines up to its limits', () => {
    const sink = new Sink(2, 100)
    sink.write('a\nb\nc\nd\n')
    expect(sink.text()).toBe('a\nb\n')
    expect(sink.dropped).toBe(2)
    expect(sink.full).toBe(true)
  })

  it('[sh -c] runs a command line in a child shell, as root under sudo; exit leaves only it', () => {
    expect(out("sh -c 'echo a; exit 3; echo b'; echo $?")).toBe('a\n3\n')
    expect(out("sudo sh -c 'echo x > /etc/from-sh'; cat /etc/from-sh")).toBe('x\n')
    expect(out("sh -c 'echo x > /etc/from-sh'")).toBe('bash: /etc/from-sh: Permission denied\n')
    expect(out('exit')).toBe('logout\nConnection to localhost closed.\n')
  })

  it('[not simulated] a real CoreOS command the shell lacks says so instead of "not found"', () => {
    const r = sh('podman ps')
    expect(r.output).toBe('')
    expect(r.exitCode).toBe(127)
    expect(r.notices).toEqual([
      {
        line: 0,
        message: {
          key: 'shell.notSimulated.command',
          params: { prefix: 'bash', name: 'podman' },
        },
      },
    ])
    // the notice goes where the output has got to, past redirections
    const after = sh('echo one; podman ps 2>/dev/null; echo two')
    expect(after.output).toBe('one\ntwo\n')
    expect(after.notices?.map((n) => n.line)).toEqual([1])
    expect(sh('sudo vim /etc/hosts').notices?.[0]?.message.params).toEqual({
      prefix: 'sudo',
      name: 'vim',
    })
  })
})

describe('completion', () => {
  const state = initialShell()
  it('[complete] the first word completes to commands, later ones to paths', () => {
    expect(complete(m, state, 'rpm-o', 5)).toEqual({ replaceFrom: 0, candidates: ['rpm-ostree '] })
    expect(complete(m, state, 'ls /usr/bi', 10)).toEqual({
      replaceFrom: 3,
      candidates: ['/usr/bin/'],
    })
    expect(complete(m, state, 'cat /etc/os-r', 13).candidates).toEqual(['/etc/os-release '])
    expect(complete(m, state, 'sudo ls /sysroot/.c', 19).candidates).toEqual([
      '/sysroot/.coreos-aleph-version.json ',
    ])
  })

  it('[complete] subcommands of ostree, rpm-ostree and systemctl', () => {
    expect(complete(m, state, 'rpm-ostree st', 13).candidates).toEqual(['status '])
    expect(complete(m, state, 'sudo ostree admin p', 19).candidates).toEqual(['pin '])
    expect(complete(m, state, 'systemctl re', 12).candidates).toEqual(['reboot '])
  })

  it('[complete] never throws, whatever the line and cursor', () => {
    for (const [line, cursor] of [
      ['"unclosed /us', 13],
      ['', 0],
      ['ls ~/', 5],
      ['x', 99],
      ['|', -4],
    ] as const)
      expect(complete(m, state, line, cursor).candidates).toBeInstanceOf(Array)
  })
})
