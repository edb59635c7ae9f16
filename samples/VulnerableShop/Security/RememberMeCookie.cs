namespace VulnerableShop.Security;

public static class RememberMeCookie
{
    public static void Write(HttpResponse response, string token) =>
        response.Cookies.Append("remember_me", token, new CookieOptions { Expires = DateTimeOffset.UtcNow.AddDays(30) });
}
