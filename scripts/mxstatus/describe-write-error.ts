/**
 * What went wrong when a file could not be written, and what to do, in words that name the real
 * cause: a full disk is not a permission problem.
 *
 * @example
 * describeWriteError({ code: 'ENOSPC' }) // 'the disk is full (ENOSPC); free space on it'
 */
export function describeWriteError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full (${e.code}); free space on it`;
    case 'EACCES':
    case 'EPERM':
      return `no permission (${e.code}); make the folder writable for the user that runs mxstatus`;
    case 'EROFS':
      return 'the file system is read-only (EROFS); under systemd, add the folder to ReadWritePaths=';
    case 'EFBIG':
      return 'the file would be larger than this process may write (EFBIG); raise the limit (ulimit -f, or LimitFSIZE= under systemd)';
    case 'EXDEV':
      return 'it lies on another mount (EXDEV); this is a bug, please report it';
    default:
      return `${e.code ?? e.message}; check that the folder exists and is writable`;
  }
}
