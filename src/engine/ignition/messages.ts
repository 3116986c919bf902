/**
 * How to say what the files stage did: each action as a message key under `ignition.action.` and
 * its parameters (the texts live in src/i18n, the engine holds none).
 */
import type { Message } from '../types'
import { STORAGE_MESSAGE_KEYS } from './storage'
import type { IgnitionAction } from './types'

/** Every message key this module can produce, for the locale files' completeness test. */
export const IGNITION_MESSAGE_KEYS: readonly string[] = [
  'ignition.action.attrsSet',
  'ignition.action.directoryCreated',
  'ignition.action.dropinWritten',
  'ignition.action.fileAppended',
  'ignition.action.fileSkippedGzip',
  'ignition.action.fileSkippedRemote',
  'ignition.action.fileWritten',
  'ignition.action.groupCreated',
  'ignition.action.groupDeleted',
  'ignition.action.hardLinkCreated',
  'ignition.action.homeCreated',
  'ignition.action.pathRemoved',
  'ignition.action.presetWritten',
  'ignition.action.resultWritten',
  'ignition.action.sshKeysWritten',
  'ignition.action.symlinkCreated',
  'ignition.action.unitDisabled',
  'ignition.action.unitEnabled',
  'ignition.action.unitMasked',
  'ignition.action.unitUnmasked',
  'ignition.action.unitWritten',
  'ignition.action.userCreated',
  'ignition.action.userDeleted',
  'ignition.action.userModified',
  'ignition.action.varCreated',
  'ignition.failure.badName',
  'ignition.failure.crossDevice',
  'ignition.failure.errno',
  'ignition.failure.exists',
  'ignition.failure.gidTaken',
  'ignition.failure.groupExists',
  'ignition.failure.groupNotInEtc',
  'ignition.failure.groupPrimary',
  'ignition.failure.hashMismatch',
  'ignition.failure.immutable',
  'ignition.failure.linkExists',
  'ignition.failure.noSuchGroup',
  'ignition.failure.noSuchUser',
  'ignition.failure.notDirectory',
  'ignition.failure.notRegular',
  'ignition.failure.readOnly',
  'ignition.failure.resolvesTwice',
  'ignition.failure.uidTaken',
  'ignition.failure.userNotInEtc',
  'ignition.problem.bothIdAndName',
  'ignition.problem.compressionGzip',
  'ignition.problem.compressionInvalid',
  'ignition.problem.dataUrl.badBase64',
  'ignition.problem.dataUrl.badCharacter',
  'ignition.problem.dataUrl.badEscape',
  'ignition.problem.dataUrl.badMediaType',
  'ignition.problem.dataUrl.badParameter',
  'ignition.problem.dataUrl.noComma',
  'ignition.problem.deviceMissing',
  'ignition.problem.diskDeviceRequired',
  'ignition.problem.dropinSuffix',
  'ignition.problem.duplicate',
  'ignition.problem.duplicateKey',
  'ignition.problem.empty',
  'ignition.problem.enabledAndMasked',
  'ignition.problem.expectedArray',
  'ignition.problem.expectedBoolean',
  'ignition.problem.expectedInteger',
  'ignition.problem.expectedObject',
  'ignition.problem.expectedString',
  'ignition.problem.fieldNeedsVersion',
  'ignition.problem.filesystemFormatInvalid',
  'ignition.problem.filesystemImplicitWipe',
  'ignition.problem.filesystemLabelTooLong',
  'ignition.problem.formatNilWithOthers',
  'ignition.problem.groupNameMissing',
  'ignition.problem.guidInvalid',
  'ignition.problem.hardLinkOwner',
  'ignition.problem.hardLinkToDirectory',
  'ignition.problem.hashFunction',
  'ignition.problem.hashMalformed',
  'ignition.problem.hashMismatch',
  'ignition.problem.hashSize',
  'ignition.problem.headerNameEmpty',
  'ignition.problem.headerValueEmpty',
  'ignition.problem.headersScheme',
  'ignition.problem.hiddenAtRuntime',
  'ignition.problem.keyCase',
  'ignition.problem.labelNeedsFormat',
  'ignition.problem.linkTargetMissing',
  'ignition.problem.modeLooksOctal',
  'ignition.problem.modeRange',
  'ignition.problem.modeSpecialBits',
  'ignition.problem.needLabelOrNumber',
  'ignition.problem.noInstallSection',
  'ignition.problem.notJson',
  'ignition.problem.notJsonEnd',
  'ignition.problem.overwriteWithoutSource',
  'ignition.problem.partitionLabelColon',
  'ignition.problem.partitionLabelTooLong',
  'ignition.problem.partitionLabelsCollide',
  'ignition.problem.partitionNumbersCollide',
  'ignition.problem.partitionsOverlap',
  'ignition.problem.partitionsOverwritten',
  'ignition.problem.pathConflictsUnit',
  'ignition.problem.pathMissing',
  'ignition.problem.pathNotClean',
  'ignition.problem.pathRelative',
  'ignition.problem.pathThroughLink',
  'ignition.problem.readOnlyPath',
  'ignition.problem.rootImmutable',
  'ignition.problem.shouldNotExistWithOthers',
  'ignition.problem.sourceArn',
  'ignition.problem.sourceInvalid',
  'ignition.problem.sourceRemote',
  'ignition.problem.sourceRequired',
  'ignition.problem.sourceS3Version',
  'ignition.problem.sourceScheme',
  'ignition.problem.sourceSchemeNeedsVersion',
  'ignition.problem.storageNotSimulated.bootDisk',
  'ignition.problem.storageNotSimulated.format',
  'ignition.problem.storageNotSimulated.virtualDevice',
  'ignition.problem.templateNoInstall',
  'ignition.problem.unitGarbageAfterSection',
  'ignition.problem.unitNameMissing',
  'ignition.problem.unitNoEquals',
  'ignition.problem.unitSectionUnterminated',
  'ignition.problem.unitSuffix',
  'ignition.problem.unknownKey',
  'ignition.problem.unsupportedField',
  'ignition.problem.userNameMissing',
  'ignition.problem.verificationWithoutSource',
  'ignition.problem.versionExperimental',
  'ignition.problem.versionInvalid',
  'ignition.problem.versionMissing',
  'ignition.problem.versionSpec2',
  'ignition.problem.versionTooNew',
  'ignition.problem.versionUnsupported',
  'ignition.problem.zeroesWithShouldNotExist',
  ...STORAGE_MESSAGE_KEYS,
]

/**
 * @example
 * actionMessage({ type: 'unit/enabled', name: 'hello.service' })
 * // { key: 'ignition.action.unitEnabled', params: { name: 'hello.service' } }
 */
export function actionMessage(a: IgnitionAction): Message {
  const octal = (mode: number): string => '0' + mode.toString(8).padStart(3, '0')
  switch (a.type) {
    case 'var/created':
      return { key: 'ignition.action.varCreated', params: { path: a.path, mode: octal(a.mode) } }
    case 'group/created':
      return { key: 'ignition.action.groupCreated', params: { name: a.name, gid: String(a.gid) } }
    case 'group/deleted':
      return { key: 'ignition.action.groupDeleted', params: { name: a.name } }
    case 'user/created':
      return {
        key: 'ignition.action.userCreated',
        params: { name: a.name, uid: String(a.uid), gid: String(a.gid), home: a.home },
      }
    case 'user/modified':
      return {
        key: 'ignition.action.userModified',
        params: { name: a.name, fields: a.fields.join(', ') },
      }
    case 'user/deleted':
      return { key: 'ignition.action.userDeleted', params: { name: a.name } }
    case 'home/created':
      return {
        key: 'ignition.action.homeCreated',
        params: { user: a.user, path: a.path, mode: octal(a.mode) },
      }
    case 'ssh/keysWritten':
      return {
        key: 'ignition.action.sshKeysWritten',
        params: { user: a.user, path: a.path, count: a.count },
      }
    case 'path/removed':
      return { key: 'ignition.action.pathRemoved', params: { path: a.path } }
    case 'directory/created':
      return {
        key: 'ignition.action.directoryCreated',
        params: { path: a.path, mode: octal(a.mode) },
      }
    case 'file/written':
      return {
        key: 'ignition.action.fileWritten',
        params: {
          path: a.path,
          mode: octal(a.mode),
          uid: String(a.uid),
          gid: String(a.gid),
          size: a.size,
        },
      }
    case 'file/appended':
      return { key: 'ignition.action.fileAppended', params: { path: a.path, size: a.size } }
    case 'file/skipped':
      return {
        key:
          a.reason === 'gzip'
            ? 'ignition.action.fileSkippedGzip'
            : 'ignition.action.fileSkippedRemote',
        params: { path: a.path },
      }
    case 'attrs/set':
      return {
        key: 'ignition.action.attrsSet',
        params: { path: a.path, mode: octal(a.mode), uid: String(a.uid), gid: String(a.gid) },
      }
    case 'link/created':
      return {
        key: a.hard ? 'ignition.action.hardLinkCreated' : 'ignition.action.symlinkCreated',
        params: { path: a.path, target: a.target },
      }
    case 'unit/written':
      return { key: 'ignition.action.unitWritten', params: { name: a.name, path: a.path } }
    case 'dropin/written':
      return {
        key: 'ignition.action.dropinWritten',
        params: { unit: a.unit, name: a.name, path: a.path },
      }
    case 'unit/masked':
      return { key: 'ignition.action.unitMasked', params: { name: a.name, path: a.path } }
    case 'unit/unmasked':
      return { key: 'ignition.action.unitUnmasked', params: { name: a.name } }
    case 'unit/enabled':
      return { key: 'ignition.action.unitEnabled', params: { name: a.name } }
    case 'unit/disabled':
      return { key: 'ignition.action.unitDisabled', params: { name: a.name } }
    case 'preset/written':
      return {
        key: 'ignition.action.presetWritten',
        params: { path: a.path, count: a.lines.length },
      }
    case 'result/written':
      return { key: 'ignition.action.resultWritten', params: { path: a.path } }
    case 'stage/failed':
      return a.message
  }
}
