/** Imports every command module (each registers itself). One line per module; keep it a plain list. */
import './coreutils/builtins';
import './coreutils/echo';
import './coreutils/expr';
import './coreutils/files';
import './coreutils/grep';
import './coreutils/sort';
import './coreutils/system';
import './coreutils/test';
import './coreutils/text';
import './coreutils/time';
import './coreutils/xargs';
import './docker';
import './coreutils/sed';
import './iptables';
import './coreutils/awk';
import './conntrack';
import './kubectl';
