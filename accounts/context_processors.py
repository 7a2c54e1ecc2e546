"""What the navigation may offer the signed-in user (the rules themselves live in permissions)."""

from accounts.permissions import can_see_whole_administration


def permissions(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Every template rendered for the request (each table is one) runs this: ask the database once.
    if not hasattr(request, "_can_see_whole_administration"):
        request._can_see_whole_administration = can_see_whole_administration(user)
    return {"can_see_whole_administration": request._can_see_whole_administration}
