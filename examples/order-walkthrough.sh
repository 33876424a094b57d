#!/usr/bin/env bash
# Walks the README's "Testing Order Processing" section against a running system (pnpm start):
# create, status, high-value approval, cancellation (saga compensation), then the error answers.
#
#   examples/order-walkthrough.sh                    # gateway on http://localhost:3001
#   BASE_URL=http://localhost:3101 examples/order-walkthrough.sh
#   SUFFIX=-$(date +%s) examples/order-walkthrough.sh   # fresh order ids, for a second run on the same server
#
# Needs curl and jq. Exits non-zero as soon as an answer is not the one the README shows.
set -euo pipefail

BASE_URL="${BASE_URL:-http://localhost:3001}"
SUFFIX="${SUFFIX:-}"
DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NORMAL="order-001${SUFFIX}"
HIGH="order-002-hv${SUFFIX}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { printf '\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }
order_json() { jq --arg id "$2" '.orderId = $id' "$DIR/$1"; }

# POST/GET printing the body; the HTTP status goes to $CODE.
call() {
  local method=$1 path=$2 body=${3:-}
  local out
  if [[ -n "$body" ]]; then
    out=$(curl -sS -X "$method" "$BASE_URL$path" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}')
  else
    out=$(curl -sS -X "$method" "$BASE_URL$path" -w '\n%{http_code}')
  fi
  CODE=$(tail -n1 <<<"$out")
  BODY=$(sed '$d' <<<"$out")
  echo "$BODY" | jq . 2>/dev/null || echo "$BODY"
  echo "HTTP $CODE"
}

expect_code() { [[ "$CODE" == "$1" ]] || fail "expected HTTP $1, got $CODE"; }

# Polls GET /api/orders/:id until .status is one of the given values.
wait_status() {
  local id=$1; shift
  local status=""
  for _ in $(seq 1 100); do
    status=$(curl -sS "$BASE_URL/api/orders/$id" | jq -r '.status // empty')
    for want in "$@"; do [[ "$status" == "$want" ]] && { echo "status: $status"; return 0; }; done
    sleep 0.2
  done
  fail "order $id is '$status', expected one of: $*"
}

curl -fsS "$BASE_URL/health" >/dev/null || fail "gateway not reachable at $BASE_URL (start it with pnpm start)"

step "0. The catalog: products, prices and stock an order is built from"
call GET /api/catalog
expect_code 200
jq -e '.products[] | select(.productId == "laptop-001") | .price == 1299.99' <<<"$BODY" >/dev/null || fail "laptop-001 is not 1299.99 in the catalog"

step "1. Create a normal order"
call POST /api/orders "$(order_json order1.json "$NORMAL")"
if [[ "$CODE" == 409 ]]; then
  fail "$NORMAL already exists on this server; rerun with SUFFIX=-\$(date +%s)"
fi
expect_code 201

step "2. Check order status"
wait_status "$NORMAL" payment_completed shipped
call GET "/api/orders/$NORMAL"
expect_code 200

step "3. Create a high-value order (requires approval)"
call POST /api/orders "$(order_json order-high-value.json "$HIGH")"
expect_code 201
wait_status "$HIGH" awaiting_approval

step "   Approve it"
call POST "/api/orders/$HIGH/approve" '{"approved": true, "approvedBy": "admin@company.com", "reason": "Verified with customer"}'
expect_code 200
wait_status "$HIGH" shipped

step "4. Order cancellation (saga compensation)"
echo "# Creating $NORMAL again: order ids are used once, so this is a 409"
call POST /api/orders "$(order_json order1.json "$NORMAL")"
expect_code 409
echo "# Cancel it: shipped orders are returned (shipment cancelled, refunded, restocked)"
call POST "/api/orders/$NORMAL/cancel"
expect_code 200
call GET "/api/orders/$NORMAL"
[[ "$(jq -r .status <<<"$BODY")" == cancelled ]] || fail "expected status cancelled"
jq -e '.compensations == ["cancelShipment","refundPayment","releaseInventory"]' <<<"$BODY" >/dev/null || fail "unexpected compensations"

step "5. Bad requests"
echo "# totals that do not add up -> 400 naming the field"
call POST /api/orders "$(order_json order1.json "bad$SUFFIX" | jq '.totalAmount = 1000')"
expect_code 400
echo "# a price that is not the catalog's -> 400 naming the item and the current price"
call POST /api/orders "$(order_json order1.json "cheap$SUFFIX" | jq '.items[0].price = 0.01 | .totalAmount = 59.99')"
expect_code 400
jq -e '.message | contains("body/items/0/price must equal the catalog price of laptop-001 (1299.99)")' <<<"$BODY" >/dev/null || fail "unexpected message"
echo "# a product that is not in the catalog -> 400 naming the field"
call POST /api/orders "$(order_json order1.json "unknown$SUFFIX" | jq '.items[0].productId = "no-such-product"')"
expect_code 400
echo "# unknown order -> 404"
call GET "/api/orders/no-such-order$SUFFIX"
expect_code 404
echo "# approval nobody waits for -> 409"
call POST "/api/orders/$HIGH/approve" '{"approved": true, "approvedBy": "admin@company.com"}'
expect_code 409
echo "# cancel after cancellation -> 409"
call POST "/api/orders/$NORMAL/cancel"
expect_code 409

step "6. List orders (Temporal visibility)"
call GET "/api/orders?pageSize=5"
expect_code 200

printf '\n\033[32mOrder walkthrough OK\033[0m (Temporal UI: see the uiLink fields above)\n'
