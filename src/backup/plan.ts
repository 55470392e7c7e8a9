import type { SshTarget } from '../ssh/target.js';
import type { BackupSource } from './source.js';
import type { RetentionPolicy } from './retention.js';
import type { BackupSettings } from './take-backup.js';
import type { RestoreRequest } from './restore.js';

/** What one backup run does on every host, resolved and checked on the runner before any connection. */
export interface BackupPlan {
  mode: 'backup' | 'list' | 'restore';
  targets: SshTarget[];
  settings: BackupSettings;
  sources: BackupSource[];
  policy: RetentionPolicy;
  download?: string;
  restore?: Omit<RestoreRequest, 'settings' | 'sources'>;
}
