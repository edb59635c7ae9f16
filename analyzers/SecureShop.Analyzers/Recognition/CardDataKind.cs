using System;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>What kind of card data a symbol or value holds.</summary>
    [Flags]
    internal enum CardDataKind
    {
        None = 0,

        /// <summary>Primary account number (the card number).</summary>
        Pan = 1,

        /// <summary>Sensitive authentication data: CVV/CVC/CID, track data, PIN or PIN block.</summary>
        Sad = 2,

        /// <summary>Personal data of a customer (e-mail, phone, postal address, birth date, national id, IP address); only a personal-data recognizer finds it.</summary>
        PersonalData = 4,

        /// <summary>A credential or secret (password, token, API key, client secret, private key, connection string); only a secret recognizer finds it.</summary>
        Secret = 8,
    }

    /// <summary>
    /// The card data found in a value: its kind, the name of the symbol it came from (for messages),
    /// and whether the value IS the card data or is an object that HOLDS a card-data member.
    /// </summary>
    internal readonly struct CardDataValue
    {
        public static readonly CardDataValue None = default;

        private readonly string? _panName;
        private readonly string? _sadName;

        public CardDataValue(CardDataKind kind, string name, bool isHolder)
            : this(kind, (kind & ~CardDataKind.Sad) != 0 ? name : null, (kind & CardDataKind.Sad) != 0 ? name : null, isHolder)
        {
        }

        private CardDataValue(CardDataKind kind, string? panName, string? sadName, bool isHolder)
        {
            Kind = kind;
            _panName = panName;
            _sadName = sadName;
            IsHolder = isHolder;
        }

        public CardDataKind Kind { get; }

        /// <summary>The symbol the card data came from, for messages (the PAN's when both are there).</summary>
        public string Name => _panName ?? _sadName ?? string.Empty;

        /// <summary>True for an object with a card-data member (it leaks when serialized, destructured or printed by a generated ToString).</summary>
        public bool IsHolder { get; }

        public bool IsCardData => Kind != CardDataKind.None;

        public bool Has(CardDataKind kind) => (Kind & kind) != 0;

        /// <summary>The name of the symbol that brought this kind of card data ("cvv2" in $"{pan};{cvv2}" for SAD).</summary>
        public string NameOf(CardDataKind kind) => (kind == CardDataKind.Sad ? _sadName : _panName) ?? Name;

        public CardDataValue Or(CardDataValue other)
        {
            if (!IsCardData)
            {
                return other;
            }

            if (!other.IsCardData)
            {
                return this;
            }

            // A direct value is the stronger finding; its names come first.
            var (first, second) = !IsHolder || other.IsHolder ? (this, other) : (other, this);
            return new CardDataValue(Kind | other.Kind, first._panName ?? second._panName, first._sadName ?? second._sadName, IsHolder && other.IsHolder);
        }

        public CardDataValue AsHolder(string name) => IsCardData ? new CardDataValue(Kind, name, isHolder: true) : None;

        /// <summary>The same card data as text (a holder printed by a generated ToString, serialized to JSON).</summary>
        public CardDataValue AsText() => new CardDataValue(Kind, _panName, _sadName, isHolder: false);
    }
}
