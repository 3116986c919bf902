import { describe, expect, it } from 'vitest'
import { session } from './session'
import { boot, installImage, publishRelease } from '../ops'
import { listDeployments } from '../status'
import { after, assertInvariants, chain, deepFreeze } from '../testkit'

const published = deepFreeze(
  chain(after(installImage({ profile: 'fcos', scale: 60 })), boot, publishRelease).machine,
)

const sh = session

const ZINCATI =
  'error: Updates and deployments are driven by Zincati (zincati.service)\n' +
  "See Zincati's documentation at https://github.com/coreos/zincati\n" +
  'Use --bypass-driver to bypass Zincati and perform the operation anyways\n'

const staged = deepFreeze(sh(published, 'sudo rpm-ostree upgrade --bypass-driver').machine)
const upgraded = deepFreeze(sh(staged, 'sudo systemctl reboot').machine)

describe('rpm-ostree upgrade (reference 7.3)', () => {
  it('[zincati] refuses on FCOS without --bypass-driver, with the exact message, for core and root', () => {
    for (const line of ['rpm-ostree upgrade', 'sudo rpm-ostree upgrade']) {
      const r = sh(published, line)
      expect(r.output).toBe(ZINCATI)
      expect(r.exitCode).toBe(1)
      expect(r.steps).toEqual([])
    }
  })

  it('[polkit] as core with --bypass-driver: polkit asks for a password core has not, the daemon refuses', () => {
    const r = sh(published, 'rpm-ostree upgrade --bypass-driver')
    expect(r.output).toBe(
      '==== AUTHENTICATING FOR org.projectatomic.rpmostree1.upgrade ====\n' +
        'Authentication is required to update software\n' +
        'Authenticating as: CoreOS Admin (core)\n' +
        'Password: \n' +
        'polkit-agent-helper-1: pam_authenticate failed: Authentication failure\n' +
        '==== AUTHENTICATION FAILED ====\n' +
        'error: rpmostreed OS operation Upgrade not allowed for user\n',
    )
    expect(r.steps).toEqual([])
  })

  it('[stage] as root: pulls, stages, prints the package diff and the reboot hint; three steps kinds in order', () => {
    const r = sh(published, 'sudo rpm-ostree upgrade --bypass-driver')
    const lines = r.output.split('\n')
    expect(lines[0]).toMatch(
      /^Receiving objects; 100% \([0-9]+\/[0-9]+\) [0-9.]+ [kMG]?B\/s [0-9.]+ [kMG]?B\.\.\. done$/,
    )
    expect(lines[1]).toBe('Staging deployment... done')
    expect(r.output).toContain('Upgraded:\n')
    expect(r.output).toContain('  kernel 6.5.9-300.fc39 -> 6.5.11-300.fc39\n')
    // the two lockfiles (stable@4408116c, @94973f12): 93 packages change, libgcab1 goes
    const diff = r.output.slice(r.output.indexOf('Upgraded:\n'))
    expect(diff.split('\n').filter((l) => / -> /.test(l))).toHaveLength(93)
    expect(diff).toContain('  glibc 2.38-7.fc39 -> 2.38-10.fc39\n')
    expect(diff).toContain('Removed:\n  libgcab1-1.6-2.fc39.x86_64\n')
    expect(diff).not.toContain(' zincati ')
    expect(r.output.endsWith('Run "systemctl reboot" to start a reboot\n')).toBe(true)
    const types = r.steps.map((s) => s.event.type)
    expect(types.indexOf('pull/started')).toBeLessThan(types.indexOf('deployment/staged'))
    assertInvariants(r.steps)
    expect(listDeployments(r.machine).map((d) => d.staged)).toEqual([true, false])
    expect(sh(r.machine, 'sudo rpm-ostree upgrade --bypass-driver').output).toBe(
      'No upgrade available.\n',
    )
  })

  it('[reboot] -r stages and reboots: the SSH session ends, the new deployment is booted', () => {
    const r = sh(published, 'sudo rpm-ostree upgrade --bypass-driver -r', 'uname -r')
    expect(r.all).toContain('Connection to localhost closed by remote host.\n')
    expect(r.output).toBe('6.5.11-300.fc39.x86_64\n')
    expect(listDeployments(r.machine).find((d) => d.booted)?.version).toBe('39.20231119.3.0')
  })
})

describe('ostree admin', () => {
  it('[status] shows the staged deployment, then the booted one with *', () => {
    const text = sh(staged, 'ostree admin status').output
    expect(text).toMatch(
      /^ {2}fedora-coreos [0-9a-f]{64}\.0 \(staged\)\n {4}Version: 39\.20231119\.3\.0\n/,
    )
    expect(text).toMatch(
      /\n\* fedora-coreos [0-9a-f]{64}\.0\n {4}Version: 39\.20231101\.3\.0\n {4}origin refspec: fedora:fedora\/x86_64\/coreos\/stable\n$/,
    )
  })

  it('[pin] without sudo the sysroot lock fails on the read-only /sysroot; with sudo it pins', () => {
    const core = sh(upgraded, 'ostree admin pin 1')
    expect(core.output).toBe('error: Read-only file system\n')
    expect(core.exitCode).toBe(1)
    const root = sh(
      upgraded,
      'sudo ostree admin pin 1',
      'sudo ostree admin pin 1',
      'ostree admin status',
    )
    expect(root.all).toContain('Deployment 1 is now pinned\nDeployment 1 is already pinned\n')
    expect(root.allSteps.map((s) => s.event.type)).toEqual(['deployment/pinned'])
    expect(root.output).toContain('    Pinned: yes\n')
    expect(sh(upgraded, 'sudo ostree admin pin 5').output).toBe(
      'error: Out of range deployment index 5, expected < 2\n',
    )
    expect(sh(upgraded, 'sudo ostree admin pin x').output).toBe('error: Invalid index: x\n')
    expect(sh(staged, 'sudo ostree admin pin 0').output).toBe(
      'error: Cannot pin staged deployment\n',
    )
  })

  it('[config-diff] needs root: You must be root to perform this command', () => {
    expect(sh(upgraded, 'ostree admin config-diff').output).toBe(
      'error: You must be root to perform this command\n',
    )
    expect(sh(upgraded, 'sudo ostree admin config-diff').exitCode).toBe(0)
  })

  it('[undeploy] removes the rollback, refuses the booted deployment', () => {
    expect(sh(upgraded, 'sudo ostree admin undeploy 0').output).toBe(
      'error: Cannot undeploy currently booted deployment 0\n',
    )
    const r = sh(upgraded, 'sudo ostree admin undeploy 1')
    expect(r.output).toMatch(
      /^Bootloader updated; bootconfig swap: yes; bootversion: boot\.[01]\.1, deployment count change: -1\nDeleted deployment [0-9a-f]{64}\.0\n$/,
    )
    expect(listDeployments(r.machine)).toHaveLength(1)
    assertInvariants(r.steps)
  })

  it('[refs] [log] the refs of the repo; the log of the remote ref down to the first commit', () => {
    expect(sh(upgraded, 'ostree refs').output).toMatch(
      /^fedora:fedora\/x86_64\/coreos\/stable\nostree\/[01]\/1\/0\nostree\/[01]\/1\/1\n$/,
    )
    const log = sh(upgraded, 'ostree log fedora:fedora/x86_64/coreos/stable').output
    expect(log).toMatch(
      /^commit [0-9a-f]{64}\nParent: {2}[0-9a-f]{64}\nContentChecksum: {2}[0-9a-f]{64}\nDate: {2}2023-12-04 19:12:56 \+0000\nVersion: 39\.20231119\.3\.0\n/,
    )
    expect(log).toContain('Version: 39.20231101.3.0\n')
    expect(sh(upgraded, 'ostree log nope').output).toBe("error: Refspec 'nope' not found\n")
  })
})

describe('rpm-ostree rollback, cleanup, kargs', () => {
  it('[rollback] moves the rollback first and queues it for the next boot (reference 6)', () => {
    const r = sh(upgraded, 'sudo rpm-ostree rollback')
    expect(r.output).toMatch(/^Moving '[0-9a-f]{64}\.0' to be first deployment\n/)
    expect(r.output).toContain('Downgraded:\n')
    expect(r.output).toContain('\n  kernel 6.5.11-300.fc39 -> 6.5.9-300.fc39\n')
    expect(
      r.output.endsWith('Changes queued for next boot. Run "systemctl reboot" to start a reboot\n'),
    ).toBe(true)
    expect(sh(r.machine, 'ostree admin status').output).toContain('(pending)')
    expect(sh(upgraded, 'rpm-ostree rollback').output).toMatch(
      /error: rpmostreed OS operation Rollback not allowed for user\n$/,
    )
    const rebooted = sh(upgraded, 'sudo rpm-ostree rollback -r', 'uname -r')
    expect(rebooted.output).toBe('6.5.9-300.fc39.x86_64\n')
  })

  it('[cleanup] needs an option; -r drops the rollback deployment and frees its objects', () => {
    expect(sh(upgraded, 'sudo rpm-ostree cleanup').output).toBe(
      'error: cleanup: At least one cleanup option must be specified\n',
    )
    const r = sh(upgraded, 'sudo rpm-ostree cleanup -r')
    expect(r.output).toMatch(/^Freed: [0-9.]+ [kMG]B \(pkgcache branches: 0\)\n$/)
    expect(listDeployments(r.machine)).toHaveLength(1)
    expect(sh(r.machine, 'sudo rpm-ostree cleanup -r').output).toBe('Deployments unchanged.\n')
    expect(sh(staged, 'sudo rpm-ostree cleanup -p', 'rpm-ostree status').output).not.toContain(
      '39.20231119.3.0',
    )
    expect(sh(upgraded, 'rpm-ostree cleanup -r').output).toMatch(
      /error: cleanup: Invoking cleanup: rpmostreed OS operation Cleanup not allowed for user\n$/,
    )
  })

  it('[kargs] prints the booted kernel arguments, ostree= included', () => {
    const text = sh(upgraded, 'rpm-ostree kargs').output
    expect(text).toMatch(
      /^mitigations=auto,nosmt \$ignition_firstboot ignition\.platform\.id=qemu console=tty0 console=ttyS0,115200n8 ostree=\/ostree\/boot\.[01]\/fedora-coreos\/[0-9a-f]{64}\/0 root=UUID=\S+ rw rootflags=prjquota boot=UUID=\S+\n$/,
    )
  })

  it('[kargs] --append stages the same commit again as serial .1; after a reboot /proc/cmdline has it', () => {
    const r = sh(upgraded, 'sudo rpm-ostree kargs --append=foo=bar')
    expect(r.output).toBe(
      'Staging deployment... done\nChanges queued for next boot. Run "systemctl reboot" to start a reboot\n',
    )
    assertInvariants(r.steps)
    const list = listDeployments(r.machine)
    expect(list[0]).toMatchObject({ staged: true, serial: 1, checksum: list[1]!.checksum })
    expect(sh(r.machine, 'rpm-ostree kargs').output).toMatch(/ foo=bar\n$/)
    const after = sh(
      r.machine,
      'sudo systemctl reboot',
      'cat /proc/cmdline',
      'sudo rpm-ostree kargs --delete=foo=bar',
    )
    expect(after.all).toMatch(/ foo=bar\n/)
    expect(after.output).toContain('Staging deployment... done\n')
    expect(sh(upgraded, 'sudo rpm-ostree kargs --delete=nope').output).toBe(
      "error: No key 'nope' found\n",
    )
    expect(sh(upgraded, 'sudo rpm-ostree kargs --append-if-missing=rw').output).toBe(
      'No changes.\n',
    )
    expect(sh(upgraded, 'rpm-ostree kargs --append=x').output).toMatch(
      /rpmostreed OS operation KernelArgs not allowed for user\n$/,
    )
  })
})

describe('systemctl', () => {
  it('[reboot] as core: polkit, then logind refuses; as root the machine reboots', () => {
    const core = sh(upgraded, 'systemctl reboot')
    expect(core.output).toMatch(
      /^==== AUTHENTICATING FOR org\.freedesktop\.login1\.reboot ====\nAuthentication is required to reboot the system\.\n/,
    )
    expect(core.output).toMatch(/Failed to reboot system via logind: Access denied\n$/)
    const root = sh(upgraded, 'cd /etc', 'sudo systemctl reboot')
    expect(root.output).toBe('Connection to localhost closed by remote host.\n')
    expect(root.state.cwd).toBe('/var/home/core')
    expect(root.machine.runtime?.phase).toBe('running')
    expect(root.steps.some((s) => s.event.type === 'power/off')).toBe(true)
  })

  it('[poweroff] the machine goes off; the next command finds nothing running', () => {
    const r = sh(upgraded, 'sudo systemctl poweroff', 'ls')
    expect(r.machine.power).toBe('off')
    expect(r.output).toBe('')
    expect(r.notices?.map((n) => n.message.key)).toEqual(['shell.off'])
  })

  it('[reboot] a staged update is finalized at shutdown: the new version boots', () => {
    const r = sh(staged, 'sudo systemctl reboot', 'rpm-ostree status')
    expect(r.output).toMatch(
      /● fedora:fedora\/x86_64\/coreos\/stable\n {18}Version: 39\.20231119\.3\.0/,
    )
    expect(r.allSteps.some((s) => s.event.type === 'finalize/started')).toBe(true)
  })
})
