import { describe, expect, it } from 'vitest'
import { session } from './session'
import { lookupPath, readText } from '../fs'
import { boot, editEtc, installImage } from '../ops'
import { listDeployments } from '../status'
import { deployPath } from '../sysroot'
import { after, assertInvariants, deepFreeze } from '../testkit'
import { SHELL_CAPTIONS } from './captions'

const m = deepFreeze(after(boot(after(installImage({ profile: 'fcos', scale: 60 })))))
const dir = deployPath(listDeployments(m)[0]!)
const varDir = '/ostree/deploy/fedora-coreos/var'

const sh = (...lines: string[]) => session(m, ...lines)

describe('refusals (reference 5.5)', () => {
  it('[readonly] touch under /usr: Read-only file system, for root too, and nothing changes', () => {
    for (const line of ['touch /usr/foo', 'sudo touch /usr/foo']) {
      const r = sh(line)
      expect(r.output).toBe("touch: cannot touch '/usr/foo': Read-only file system\n")
      expect(r.exitCode).toBe(1)
      expect(r.steps).toEqual([])
      expect(r.machine).toBe(m)
    }
  })

  it('[immutable] mkdir /foo: Operation not permitted (the deployment root carries chattr +i)', () => {
    expect(sh('sudo mkdir /foo').output).toBe(
      "mkdir: cannot create directory '/foo': Operation not permitted\n",
    )
    expect(sh('mkdir /foo').output).toBe(
      "mkdir: cannot create directory '/foo': Operation not permitted\n",
    )
  })

  it('[readonly] /sysroot and /boot are read-only; rm there says so', () => {
    expect(sh('sudo touch /sysroot/x').output).toBe(
      "touch: cannot touch '/sysroot/x': Read-only file system\n",
    )
    expect(sh('sudo rm /boot/grub2/grub.cfg').output).toBe(
      "rm: cannot remove '/boot/grub2/grub.cfg': Read-only file system\n",
    )
    expect(sh('sudo rm -rf /usr/bin').output).toMatch(
      /^rm: cannot remove '\/usr\/bin\/[^']+': Read-only file system\n/,
    )
  })

  it('[permissions] core may not write /etc; a redirection opens as core even after sudo', () => {
    expect(sh('touch /etc/foo').output).toBe("touch: cannot touch '/etc/foo': Permission denied\n")
    expect(sh('sudo echo x > /etc/foo').output).toBe('bash: /etc/foo: Permission denied\n')
    expect(sh('echo x > /usr/foo').output).toBe('bash: /usr/foo: Read-only file system\n')
    expect(sh('chmod 777 /etc/passwd').output).toBe(
      "chmod: changing permissions of '/etc/passwd': Operation not permitted\n",
    )
  })

  it('[sticky] core may not remove a file of root in /tmp', () => {
    expect(sh('sudo touch /tmp/r', 'rm -f /tmp/r').output).toBe(
      "rm: cannot remove '/tmp/r': Operation not permitted\n",
    )
  })

  it('[hardlinks] /usr is another mount than /var: a hard link across them is EXDEV', () => {
    expect(sh('ln /usr/bin/ls ls').output).toBe(
      "ln: failed to create hard link 'ls' => '/usr/bin/ls': Invalid cross-device link\n",
    )
  })
})

describe('writes are steps', () => {
  it('[usr/local] /usr/local is writable: it points into /var (reference 5.5)', () => {
    const r = sh('sudo touch /usr/local/bin/tool')
    expect(r.exitCode).toBe(0)
    expect(r.steps.map((s) => s.event.type)).toEqual(['file/written'])
    expect(r.steps[0]!.touched).toEqual([`root:${varDir}/usrlocal/bin/tool`])
    expect(r.steps[0]!.event).toMatchObject({ path: '/var/usrlocal/bin/tool', created: true })
    expect(lookupPath(r.machine.filesystems.root!, `${varDir}/usrlocal/bin/tool`)).toMatchObject({
      uid: 0,
      mode: 0o644,
    })
  })

  it('[home] core writes in its home: files owned by core, mode 664 (umask 002)', () => {
    const r = sh('echo hello > note', 'echo more >> note', 'ls -l note')
    expect(r.output).toMatch(/^-rw-rw-r--\. 1 core core 11 /)
    expect(r.allSteps.map((s) => s.caption.key)).toEqual([
      'step.shell.created',
      'step.shell.appended',
    ])
    expect(readText(r.machine.filesystems.root!, `${varDir}/home/core/note`)).toBe('hello\nmore\n')
  })

  it('[etc] a write in /etc is the step editEtc makes', () => {
    const shell = sh('sudo touch /etc/foo')
    expect(shell.steps).toEqual(
      editEtc(m, { type: 'write', path: '/etc/foo', data: '', mode: 0o644 }),
    )
    const tee = sh('echo x | sudo tee /etc/motd')
    expect(tee.output).toBe('x\n')
    expect(tee.steps).toEqual(editEtc(m, { type: 'write', path: '/etc/motd', data: 'x\n' }))
    expect(sh('sudo rm /etc/motd').steps).toEqual(editEtc(m, { type: 'delete', path: '/etc/motd' }))
    expect(sh('sudo mkdir /etc/foo.d').steps).toEqual(
      editEtc(m, { type: 'mkdir', path: '/etc/foo.d', mode: 0o755 }),
    )
    expect(sh('sudo chmod 600 /etc/hosts').steps).toEqual(
      editEtc(m, { type: 'chmod', path: '/etc/hosts', mode: 0o600 }),
    )
    expect(sh("sudo sh -c 'echo y > /etc/foo'").steps).toEqual(
      editEtc(m, { type: 'write', path: '/etc/foo', data: 'y\n', mode: 0o644 }),
    )
  })

  it('[etc] the change shows in ostree admin config-diff', () => {
    expect(sh('sudo touch /etc/zzz-local.conf', 'sudo ostree admin config-diff').output).toContain(
      'A    zzz-local.conf\n',
    )
  })

  it('[rm -r] removes a tree in /var in one step; it is gone from the disk', () => {
    const r = sh('mkdir -p a/b/c', 'echo x > a/b/f', 'rm -r a', 'ls a')
    expect(r.output).toBe("ls: cannot access 'a': No such file or directory\n")
    expect(r.allSteps.map((s) => s.event.type)).toEqual([
      'directory/created',
      'directory/created',
      'directory/created',
      'file/written',
      'file/removed',
    ])
    expect(r.allSteps.at(-1)!.event).toMatchObject({ entries: 4 })
    expect(lookupPath(r.machine.filesystems.root!, `${varDir}/home/core/a`)).toBeNull()
  })

  it('[links] ln makes a second name of the same inode; ln -s a symlink', () => {
    const r = sh('echo x > f', 'ln f g', 'ln -s f s', 'ls -li f g s')
    const [f, g, s] = r.output.trim().split('\n')
    expect(f!.split(' ')[0]).toBe(g!.split(' ')[0])
    expect(f).toMatch(/ 2 core core 2 .* f$/)
    expect(s).toMatch(/^[0-9]+ lrwxrwxrwx\. 1 core core 1 .* s -> f$/)
  })

  it('[steps] every step keeps the invariants, survives JSON, and names a known caption', () => {
    const r = sh(
      'echo hi > /var/home/core/x',
      'sudo touch /usr/local/x',
      'sudo mkdir /var/lib/demo',
      'chmod 600 x',
      'ln -s x y',
      'ln x z',
      'rm x',
      'sudo touch /etc/a',
      'sudo rm -r /var/lib/demo',
    )
    assertInvariants(r.allSteps)
    for (const step of r.allSteps) {
      expect(JSON.parse(JSON.stringify(step))).toEqual(step)
      expect(step.caption.key.startsWith('step.etc.') || step.caption.key in SHELL_CAPTIONS).toBe(
        true,
      )
      for (const param of SHELL_CAPTIONS[step.caption.key as keyof typeof SHELL_CAPTIONS] ?? [])
        expect(step.caption.params).toHaveProperty(param)
    }
  })

  it('[time] each write advances the clock; ls shows it as a recent time', () => {
    const r = sh('touch t', 'ls -l t')
    expect(r.machine.clock).toBeGreaterThan(m.clock)
    expect(r.output).toMatch(/ [A-Z][a-z]{2} [ 0-9]{2} [0-9]{2}:[0-9]{2} t\n$/)
  })

  it('[deployment] the booted deployment folder itself cannot change (immutable), even for root', () => {
    expect(sh(`sudo touch ${dir}/x`).output).toMatch(/Read-only file system/)
  })
})
