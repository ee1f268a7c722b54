#!/bin/sh
# A remote shell for RsyncActionTest, configured as `--rsh=sh fake-ssh.sh HOSTS_FILE`. rsync calls
# it as `fake-ssh.sh HOSTS_FILE [options] HOST rsync --server ...`; it records HOST in HOSTS_FILE,
# drops everything before the remote command and runs that locally, so rsync speaks its real
# protocol over the pipes exactly as it would over ssh.
hosts="$1"
shift
while [ $# -gt 0 ] && [ "$1" != "rsync" ]; do
  last="$1"
  shift
done
echo "$last" >> "$hosts"
exec "$@"
