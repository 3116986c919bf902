/**
 * The config the simulator offers first: spec 3.4.0, the shape Butane's `fcos` variant produces.
 * It validates with no problem (example.test.ts) and, on an FCOS 39 deployment, the files stage:
 * - adds the SSH key to `core` (created by the 00-core.ign base config) in
 *   /var/home/core/.ssh/authorized_keys.d/ignition;
 * - writes /etc/hostname and /var/lib/hello/message.txt (given in base64, to show both forms);
 * - writes /etc/systemd/system/hello.service, a podman container run at boot, and enables it
 *   with a line in /etc/systemd/system-preset/20-ignition.preset;
 * and the kargs stage adds `zswap.enabled=1`, so the first boot reboots once before the disks stage.
 *
 * The SSH key is not a key anyone holds: its 32 bytes spell `EXAMPLEKeyForCoreOSExplorer...`.
 */
const HELLO_SERVICE = `[Unit]
Description=Hello from a container
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStartPre=-/usr/bin/podman rm --force hello
ExecStart=/usr/bin/podman run --rm --name hello quay.io/podman/hello:latest

[Install]
WantedBy=multi-user.target
`

export const EXAMPLE_SSH_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEXAMPLEKeyForCoreOSExplorerDoNotUseIt000000 core@example.invalid'

export const EXAMPLE_IGNITION = JSON.stringify(
  {
    ignition: { version: '3.4.0' },
    kernelArguments: { shouldExist: ['zswap.enabled=1'] },
    passwd: {
      users: [{ name: 'core', sshAuthorizedKeys: [EXAMPLE_SSH_KEY] }],
    },
    storage: {
      files: [
        {
          path: '/etc/hostname',
          mode: 420,
          contents: { source: 'data:,coreos-explorer%0A' },
        },
        {
          path: '/var/lib/hello/message.txt',
          mode: 420,
          contents: {
            source: 'data:;base64,SGVsbG8gZnJvbSBJZ25pdGlvbiwgd3JpdHRlbiBvbiB0aGUgZmlyc3QgYm9vdC4K',
          },
        },
      ],
    },
    systemd: {
      units: [{ name: 'hello.service', enabled: true, contents: HELLO_SERVICE }],
    },
  },
  null,
  2,
)
