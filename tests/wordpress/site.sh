#!/usr/bin/env bash
# A private WordPress on 127.0.0.1 for the delivery tests, the end-to-end run and the benchmark:
# Debian's `wordpress` package served by its own Apache (mod_php, bound to loopback) over its
# own MariaDB (socket only), everything under one folder and stopped by that folder's pid files.
#
#   site.sh start DIR   → prints the site's URL; DIR/site.env holds it and the users'
#                         Application Passwords (admin, editor, author)
#   site.sh stop-web DIR / start-web DIR → stops / starts its Apache alone (same port)
#   site.sh stop DIR    → stops that site's Apache and MariaDB (by their pid files), removes its
#                         config pointer in /etc/wordpress
#
# Debian's wp-config.php loads /etc/wordpress/config-NAME.php where NAME comes from the request's
# WORDPRESS_CONFIG (set by this Apache) — so that file is a one-line pointer into DIR, and sites
# in different folders run side by side. With QALAM_WP_NO_PLUGIN=1 the Qalam plugin stays off.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cmd="${1:?usage: site.sh start|stop DIR}"
dir="${2:?usage: site.sh start|stop DIR}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
name="qalam-$(printf '%s' "$dir" | sha256sum | cut -c1-16)"
pointer="/etc/wordpress/config-$name.php"

as_root() { [ "$(id -u)" -eq 0 ]; }

stop_pid_file() { # stop the process in a pid file, waiting at most 20 s
  local file="$1" pid
  [ -s "$file" ] || return 0
  pid="$(cat "$file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

# Apache alone, for a test that stops WordPress mid-request and brings it back on the same port.
if [ "$cmd" = stop-web ]; then
  stop_pid_file "$dir/apache/httpd.pid"
  exit 0
fi
if [ "$cmd" = start-web ]; then
  apache2 -f "$dir/apache/httpd.conf" -k start
  url="$(grep '^WP_URL=' "$dir/site.env" | cut -d= -f2-)"
  for _ in $(seq 1 100); do curl -fsS -o /dev/null "$url/wp-json/" && break; sleep 0.1; done
  exit 0
fi
if [ "$cmd" = stop ]; then
  stop_pid_file "$dir/apache/httpd.pid"
  stop_pid_file "$dir/mysql/mariadbd.pid"
  rm -f "$pointer"
  exit 0
fi
[ "$cmd" = start ] || { echo "usage: site.sh start|stop|start-web|stop-web DIR" >&2; exit 2; }

chmod 755 "$dir"
# A start that fails midway leaves nothing running.
trap 'bash "$here/site.sh" stop "$dir"' ERR
mkdir -p "$dir/mysql/data" "$dir/apache" "$dir/content/uploads" "$dir/content/plugins" "$dir/content/themes"

# --- MariaDB: socket only, small buffers --------------------------------------------------------
db_user_flag=()
if as_root; then db_user_flag=(--user=mysql); chown -R mysql:mysql "$dir/mysql"; fi
mariadb-install-db --no-defaults "${db_user_flag[@]}" --datadir="$dir/mysql/data" --auth-root-authentication-method=normal \
  --skip-test-db >"$dir/mysql/install.log" 2>&1
mariadbd --no-defaults "${db_user_flag[@]}" --datadir="$dir/mysql/data" --socket="$dir/mysql/mysql.sock" \
  --pid-file="$dir/mysql/mariadbd.pid" --skip-networking --innodb-buffer-pool-size=32M \
  --log-error="$dir/mysql/error.log" >/dev/null 2>&1 &
for _ in $(seq 1 300); do [ -S "$dir/mysql/mysql.sock" ] && break; sleep 0.1; done
[ -S "$dir/mysql/mysql.sock" ] || { echo "MariaDB did not start; see $dir/mysql/error.log" >&2; exit 1; }
db_password="$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mariadb --no-defaults --socket="$dir/mysql/mysql.sock" -uroot <<SQL
CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
SQL

# --- the web side, written for one port: WordPress's config (its addresses) and Apache's --------
configure_web() {
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
# --- WordPress's config for this site, behind a pointer Debian's wp-config.php finds -------------
cat >"$dir/wp-config-site.php" <<PHP
<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', '$db_password');
define('DB_HOST', 'localhost:$dir/mysql/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_CONTENT_DIR', '$dir/content');
define('WP_CONTENT_URL', '$url/wp-content');
define('WP_HOME', '$url');
define('WP_SITEURL', '$url');
// Application Passwords over plain http are accepted only on a local site.
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('FS_METHOD', 'direct');
PHP
printf "<?php require '%s/wp-config-site.php';\n" "$dir" >"$pointer"
if [ "${QALAM_WP_NO_PLUGIN:-0}" != 1 ]; then
  ln -sfn "$repo/integrations/wordpress/qalam-approvals" "$dir/content/plugins/qalam-approvals"
fi

# --- Apache: prefork + mod_php, loopback only ----------------------------------------------------
mods=/usr/lib/apache2/modules
user_lines=""
if as_root; then user_lines=$'User www-data\nGroup www-data'; chown -R www-data:www-data "$dir/content"; fi
cat >"$dir/apache/httpd.conf" <<CONF
ServerRoot "$dir/apache"
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile "$dir/apache/httpd.pid"
ErrorLog "$dir/apache/error.log"
LogLevel warn
$user_lines
LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule dir_module $mods/mod_dir.so
LoadModule mime_module $mods/mod_mime.so
LoadModule alias_module $mods/mod_alias.so
LoadModule rewrite_module $mods/mod_rewrite.so
LoadModule env_module $mods/mod_env.so
LoadModule php_module $mods/libphp8.2.so
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 8
TypesConfig /etc/mime.types
AddType application/x-httpd-php .php
DirectoryIndex index.php
SetEnv WORDPRESS_CONFIG $name
Alias /wp-content "$dir/content"
DocumentRoot /usr/share/wordpress
<Directory />
  Require all denied
  AllowOverride None
</Directory>
<Directory /usr/share/wordpress>
  Require all granted
  RewriteEngine On
  RewriteBase /
  RewriteRule ^index\.php$ - [L]
  RewriteCond %{REQUEST_FILENAME} !-f
  RewriteCond %{REQUEST_FILENAME} !-d
  RewriteRule . /index.php [L]
</Directory>
<Directory "$dir/content">
  Require all granted
</Directory>
php_admin_value upload_max_filesize 32M
php_admin_value post_max_size 40M
php_admin_value memory_limit 256M
CONF
}

# The port is free when picked and bound by Apache a moment later: another process can take it in
# between (tests start sites side by side). Apache then refuses to start, and a new port is tried.
started=""
for _ in 1 2 3 4 5; do
  configure_web
  if apache2 -f "$dir/apache/httpd.conf" -k start 2>"$dir/apache/start.log"; then started=1; break; fi
  grep -q "Address already in use" "$dir/apache/start.log" || break
done
[ -n "$started" ] || { cat "$dir/apache/start.log" >&2; exit 1; }

# --- install, users, Application Passwords, categories -------------------------------------------
WORDPRESS_CONFIG="$name" QALAM_SITE_URL="$url" QALAM_WP_PLUGIN="${QALAM_WP_NO_PLUGIN:-0}" \
  php -d display_errors=stderr "$here/install.php" >"$dir/site.env"
if as_root; then chown -R www-data:www-data "$dir/content"; fi
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$url/wp-json/" && break; sleep 0.1; done
echo "WP_URL=$url" >>"$dir/site.env"
echo "$url"
