# Shared by the portal benchmarks (sourced, not run): a `did serve` started and stopped by its
# process id, and a browser's way through the portal with curl (the sign-in form, then an
# organisation's API token page). The server is started detached so that hyperfine's
# --prepare, a shell of its own, can start it for the timed command and stop it afterwards:
# the functions and variables are exported for that (bash imports exported functions).
# Needs $did (the binary) and $out (a writable folder) set by the caller.

# start_portal DB_URL NAME: starts `did serve` on a free port of 127.0.0.1, logging to
# $out/NAME.log; writes the port to $out/NAME.port and the process id to $out/NAME.pid.
start_portal() {
    local url=$1 name=$2
    stop_portal "$name"
    : > "$out/$name.log"
    setsid "$did" serve --db "$url" --listen 127.0.0.1:0 --web-root "$PWD/web" --spool-dir "$out" --demo \
        ${SERVE_ARGS:-} < /dev/null > /dev/null 2> "$out/$name.log" &
    echo $! > "$out/$name.pid"
    local port=""
    for _ in $(seq 400); do
        port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$out/$name.log")
        [[ -n $port ]] && break
        kill -0 "$(cat "$out/$name.pid")" 2> /dev/null || break
        sleep 0.025
    done
    [[ -n $port ]] || { echo "did serve did not start:" >&2; cat "$out/$name.log" >&2; return 1; }
    echo "$port" > "$out/$name.port"
}

# stop_portal NAME: SIGTERM to the server started as NAME, then waits until it has exited (it
# finishes the requests in flight first). The process is not this shell's child when started
# by another --prepare, so it is watched through /proc (an exited, unreaped one is a zombie).
stop_portal() {
    local name=$1 pid
    [[ -f $out/$name.pid ]] || return 0
    pid=$(cat "$out/$name.pid")
    rm -f "$out/$name.pid" "$out/$name.port"
    kill -TERM "$pid" 2> /dev/null || return 0
    while [[ -e /proc/$pid ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2> /dev/null; do sleep 0.02; done
}

# The value of a cookie set in a curl header dump (-D FILE).
set_cookie_value() {
    sed -n "s/^[Ss]et-[Cc]ookie: $2=\([^;]*\).*/\1/p" "$1" | tr -d '\r' | tail -1
}

# The value of a hidden form field in a page.
form_value() {
    sed -n "s/.*name=\"$2\" value=\"\([^\"]*\)\".*/\1/p" "$1" | head -1
}

# sign_in BASE_URL NAME PASSWORD: signs in through the form as a browser does (the form's
# cookie and field, then the password); prints the session cookie's value.
sign_in() {
    local base=$1 name=$2 password=$3 tmp form_cookie session
    tmp=$(mktemp -d)
    curl -sS -D "$tmp/h1" -o "$tmp/b1" "$base/sign-in"
    form_cookie=$(set_cookie_value "$tmp/h1" __Host-did-form)
    curl -sS -D "$tmp/h2" -o /dev/null -H "Cookie: __Host-did-form=$form_cookie" \
        --data-urlencode "csrf=$(form_value "$tmp/b1" csrf)" --data-urlencode "name=$name" \
        --data-urlencode "password=$password" "$base/sign-in"
    session=$(set_cookie_value "$tmp/h2" __Host-did-session)
    rm -rf "$tmp"
    [[ -n $session ]] || { echo "cannot sign in as $name" >&2; return 1; }
    echo "$session"
}

# create_token BASE_URL SESSION ORGANISATION: creates an API token on the organisation's token
# page (its CSRF field, then the form) and prints it.
create_token() {
    local base=$1 session=$2 org=$3 tmp token
    tmp=$(mktemp -d)
    curl -sS -o "$tmp/page" -H "Cookie: __Host-did-session=$session" "$base/providers/$org/api-tokens"
    curl -sS -o "$tmp/made" -H "Cookie: __Host-did-session=$session" \
        --data-urlencode "csrf=$(form_value "$tmp/page" csrf)" --data-urlencode "name=benchmark" \
        --data-urlencode "days=30" "$base/providers/$org/api-tokens"
    token=$(sed -n 's/.*<code id="new-token">\([^<]*\)<\/code>.*/\1/p' "$tmp/made")
    rm -rf "$tmp"
    [[ -n $token ]] || { echo "cannot create an API token for $org" >&2; return 1; }
    echo "$token"
}

# add_demo_user DB_URL NAME ORGANISATION ROLE PASSWORD: a user who signs in with the password
# alone (demonstration data only).
add_demo_user() {
    printf '%s\n' "$5" | "$did" user add "$2" --organisation "$3" --role "$4" --password-stdin --no-second-factor \
        --db "$1" > /dev/null
}

# load_reference DB: the ODS organisations, sites, GP practices and postcodes from the samples
# in $out/samples (written by `did refdata samples`, perhaps with more providers added).
load_reference() {
    local f
    for f in epraccur etr ets ephp; do "$did" refdata import-ods "$out/samples/$f.csv" --db "$1" > /dev/null; done
    "$did" refdata import-postcodes "$out/samples/onspd.csv" --db "$1" > /dev/null
}

# checkpoint_sqlite FILE: the write-ahead log folded into the file, so that a copy of the one
# file is the whole database.
checkpoint_sqlite() {
    sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE);' > /dev/null
}

export -f start_portal stop_portal
