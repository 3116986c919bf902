/**
 * Ignition, the first-boot provisioner of Fedora CoreOS and RHEL CoreOS, as pure functions: parse
 * and validate a config, merge it over the distribution's base configs, and run the kargs and
 * files stages on the root filesystem.
 */
export type * from './types'
export { parseIgnition, emptyIgnitionConfig, SPEC_VERSIONS, MAX_SPEC, pathClass } from './parse'
export { applyFiles, populateVar, kargsChange, kargsAfter } from './apply'
export type { ApplyOptions } from './apply'
export { BASE_CONFIGS, withBaseConfigs, mergeConfigs } from './merge'
export { EXAMPLE_IGNITION, EXAMPLE_IGNITION_DATA_DISK, EXAMPLE_SSH_KEY } from './example'
export { storageMessage, unsimulated, STORAGE_MESSAGE_KEYS } from './storage'
export type { StorageAction } from './storage'
export { actionMessage, IGNITION_MESSAGE_KEYS } from './messages'
