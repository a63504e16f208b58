"""District staff accounts with API tokens for the load and scale-out runs, inside Django.

Prints `BENCH [{"username", "unit", "token"}, ...]`: one account per district in turn.
"""

import json
import sys

from rest_framework.authtoken.models import Token

from accounts.roles import Role
from accounts.staff import save_staff_account
from taxonomy.models import AdministrativeUnit

districts = list(AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.DISTRICT))
accounts = []
for n in range(int(sys.argv[1])):
    unit = districts[n % len(districts)]
    user, _ = save_staff_account(f"bench.huyen{n}", Role.LOCAL, [unit])
    token, _ = Token.objects.get_or_create(user=user)
    accounts.append({"username": user.username, "unit": unit.code, "token": token.key})
print("BENCH " + json.dumps(accounts))
