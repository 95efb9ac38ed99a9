IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [Tenants] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Slug] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_Tenants] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [TenantId] int NULL,
        [PrefersDarkMode] bit NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUsers_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [Tenants] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [ApiTokens] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Hash] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiTokens] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ApiTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiTokens_Hash] ON [ApiTokens] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_ApiTokens_UserId] ON [ApiTokens] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_TenantId] ON [AspNetUsers] ([TenantId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Tenants_Name] ON [Tenants] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Tenants_Slug] ON [Tenants] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204195335_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204195335_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Credentials] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Username] nvarchar(100) NOT NULL,
        [ProtectedSecret] nvarchar(4000) NOT NULL,
        CONSTRAINT [PK_Credentials] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [InventoryChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [Entity] nvarchar(40) NOT NULL,
        [EntityId] int NOT NULL,
        [Action] nvarchar(40) NOT NULL,
        [Summary] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_InventoryChanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Platforms] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Vendor] nvarchar(100) NOT NULL,
        [OsName] nvarchar(100) NOT NULL,
        [DriverKey] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_Platforms] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Allocations] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(20) NOT NULL,
        [VlanPoolId] int NULL,
        [PrefixPoolId] int NULL,
        [Vlan] int NULL,
        [Prefix] nvarchar(49) NULL,
        [Owner] nvarchar(100) NOT NULL,
        [TenantId] int NULL,
        [State] nvarchar(20) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        [HeldUntil] datetime2 NULL,
        [ActiveKey] nvarchar(69) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Allocations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Allocations_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [Tenants] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Devices] (
        [Id] int NOT NULL IDENTITY,
        [Hostname] nvarchar(63) NOT NULL,
        [Role] nvarchar(20) NOT NULL,
        [SiteId] int NOT NULL,
        [PlatformId] int NOT NULL,
        [ManagementAddress] nvarchar(45) NOT NULL,
        [SerialNumber] nvarchar(64) NULL,
        [MacAddress] nvarchar(17) NULL,
        [State] nvarchar(20) NOT NULL,
        [CredentialId] int NULL,
        [SshHostKey] nvarchar(4000) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Devices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Devices_Credentials_CredentialId] FOREIGN KEY ([CredentialId]) REFERENCES [Credentials] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Devices_Platforms_PlatformId] FOREIGN KEY ([PlatformId]) REFERENCES [Platforms] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Interfaces] (
        [Id] int NOT NULL IDENTITY,
        [DeviceId] int NOT NULL,
        [Name] nvarchar(64) NOT NULL,
        [SpeedMbps] int NOT NULL,
        [Enabled] bit NOT NULL,
        [Description] nvarchar(500) NULL,
        CONSTRAINT [PK_Interfaces] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Interfaces_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Sites] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [TenantId] int NULL,
        [Address] nvarchar(500) NULL,
        [Description] nvarchar(500) NULL,
        [EdgeDeviceId] int NULL,
        CONSTRAINT [PK_Sites] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Sites_Devices_EdgeDeviceId] FOREIGN KEY ([EdgeDeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Sites_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [Tenants] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [Links] (
        [Id] int NOT NULL IDENTITY,
        [AInterfaceId] int NOT NULL,
        [BInterfaceId] int NOT NULL,
        [CapacityMbps] int NOT NULL,
        [Metric] int NOT NULL,
        [State] nvarchar(20) NOT NULL,
        CONSTRAINT [PK_Links] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Links_Interfaces_AInterfaceId] FOREIGN KEY ([AInterfaceId]) REFERENCES [Interfaces] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Links_Interfaces_BInterfaceId] FOREIGN KEY ([BInterfaceId]) REFERENCES [Interfaces] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [PrefixPools] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(49) NOT NULL,
        [ChildLength] int NOT NULL,
        [SiteId] int NULL,
        [Description] nvarchar(500) NULL,
        CONSTRAINT [PK_PrefixPools] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PrefixPools_Sites_SiteId] FOREIGN KEY ([SiteId]) REFERENCES [Sites] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE TABLE [VlanPools] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [SiteId] int NULL,
        [DeviceId] int NULL,
        [FirstVlan] int NOT NULL,
        [LastVlan] int NOT NULL,
        [Description] nvarchar(500) NULL,
        CONSTRAINT [PK_VlanPools] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_VlanPools_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_VlanPools_Sites_SiteId] FOREIGN KEY ([SiteId]) REFERENCES [Sites] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Allocations_ActiveKey] ON [Allocations] ([ActiveKey]) WHERE [ActiveKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Allocations_Owner] ON [Allocations] ([Owner]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Allocations_PrefixPoolId] ON [Allocations] ([PrefixPoolId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Allocations_State_HeldUntil] ON [Allocations] ([State], [HeldUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Allocations_TenantId] ON [Allocations] ([TenantId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Allocations_VlanPoolId] ON [Allocations] ([VlanPoolId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Credentials_Name] ON [Credentials] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Devices_CredentialId] ON [Devices] ([CredentialId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_Hostname] ON [Devices] ([Hostname]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Devices_MacAddress] ON [Devices] ([MacAddress]) WHERE [MacAddress] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Devices_ManagementAddress] ON [Devices] ([ManagementAddress]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Devices_PlatformId] ON [Devices] ([PlatformId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Devices_SiteId] ON [Devices] ([SiteId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Interfaces_DeviceId_Name] ON [Interfaces] ([DeviceId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_InventoryChanges_At] ON [InventoryChanges] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_InventoryChanges_Entity_EntityId] ON [InventoryChanges] ([Entity], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Links_AInterfaceId] ON [Links] ([AInterfaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Links_BInterfaceId] ON [Links] ([BInterfaceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Platforms_Name] ON [Platforms] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PrefixPools_Name] ON [PrefixPools] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PrefixPools_Prefix] ON [PrefixPools] ([Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_PrefixPools_SiteId] ON [PrefixPools] ([SiteId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Sites_EdgeDeviceId] ON [Sites] ([EdgeDeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Sites_Name] ON [Sites] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_Sites_TenantId] ON [Sites] ([TenantId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_VlanPools_DeviceId] ON [VlanPools] ([DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE UNIQUE INDEX [IX_VlanPools_Name] ON [VlanPools] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    CREATE INDEX [IX_VlanPools_SiteId] ON [VlanPools] ([SiteId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    ALTER TABLE [Allocations] ADD CONSTRAINT [FK_Allocations_PrefixPools_PrefixPoolId] FOREIGN KEY ([PrefixPoolId]) REFERENCES [PrefixPools] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    ALTER TABLE [Allocations] ADD CONSTRAINT [FK_Allocations_VlanPools_VlanPoolId] FOREIGN KEY ([VlanPoolId]) REFERENCES [VlanPools] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    ALTER TABLE [Devices] ADD CONSTRAINT [FK_Devices_Sites_SiteId] FOREIGN KEY ([SiteId]) REFERENCES [Sites] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204200809_Inventory'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204200809_Inventory', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE TABLE [ConfigTemplates] (
        [Id] int NOT NULL IDENTITY,
        [Kind] nvarchar(30) NOT NULL,
        [Platform] nvarchar(20) NOT NULL,
        [Variant] nvarchar(10) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_ConfigTemplates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] int NOT NULL IDENTITY,
        [TenantId] int NOT NULL,
        [Kind] nvarchar(30) NOT NULL,
        [SiteAId] int NOT NULL,
        [SiteBId] int NULL,
        [BandwidthMbps] int NOT NULL,
        [PrefixLength] int NULL,
        [PathLinks] nvarchar(1000) NULL,
        [PathDescription] nvarchar(1000) NULL,
        [Reference] nvarchar(100) NOT NULL,
        [RequestedBy] nvarchar(256) NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [Step] nvarchar(20) NOT NULL,
        [FailureReason] nvarchar(2000) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Orders_Sites_SiteAId] FOREIGN KEY ([SiteAId]) REFERENCES [Sites] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_Sites_SiteBId] FOREIGN KEY ([SiteBId]) REFERENCES [Sites] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Orders_Tenants_TenantId] FOREIGN KEY ([TenantId]) REFERENCES [Tenants] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE TABLE [OrderDevices] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [DeviceId] int NOT NULL,
        [Position] int NOT NULL,
        [Hostname] nvarchar(100) NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [Config] nvarchar(max) NOT NULL,
        [Backup] nvarchar(max) NULL,
        [Diff] nvarchar(max) NULL,
        [Message] nvarchar(2000) NULL,
        CONSTRAINT [PK_OrderDevices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderDevices_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OrderDevices_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE TABLE [OrderEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [At] datetime2 NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [Step] nvarchar(20) NOT NULL,
        [Message] nvarchar(2000) NOT NULL,
        CONSTRAINT [PK_OrderEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderEvents_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE TABLE [OrderResources] (
        [Id] int NOT NULL IDENTITY,
        [OrderId] int NOT NULL,
        [AllocationId] int NOT NULL,
        [Description] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_OrderResources] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderResources_Allocations_AllocationId] FOREIGN KEY ([AllocationId]) REFERENCES [Allocations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_OrderResources_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ConfigTemplates_Kind_Platform_Variant] ON [ConfigTemplates] ([Kind], [Platform], [Variant]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_OrderDevices_DeviceId] ON [OrderDevices] ([DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrderDevices_OrderId_Position] ON [OrderDevices] ([OrderId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_OrderEvents_OrderId] ON [OrderEvents] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_OrderResources_AllocationId] ON [OrderResources] ([AllocationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_OrderResources_OrderId] ON [OrderResources] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_Orders_SiteAId] ON [Orders] ([SiteAId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_Orders_SiteBId] ON [Orders] ([SiteBId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    CREATE INDEX [IX_Orders_TenantId_State] ON [Orders] ([TenantId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204210319_Ordering'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204210319_Ordering', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovalNote] nvarchar(500) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [ApprovedBy] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [BlastRadius] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [DecommissionRequestedBy] nvarchar(256) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [LeaseOwner] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [LeaseUntil] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [Orders] ADD [RetryOf] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [OrderDevices] ADD [Role] nvarchar(20) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    ALTER TABLE [OrderDevices] ADD [Values] nvarchar(4000) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    CREATE TABLE [CatalogOffers] (
        [Kind] nvarchar(30) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Description] nvarchar(500) NOT NULL,
        [BandwidthsMbps] nvarchar(200) NOT NULL,
        [PrefixLengths] nvarchar(100) NOT NULL,
        [Enabled] bit NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [UpdatedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_CatalogOffers] PRIMARY KEY ([Kind])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    CREATE TABLE [DeviceChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [DeviceId] int NOT NULL,
        [Hostname] nvarchar(100) NOT NULL,
        [OrderId] int NULL,
        [At] datetime2 NOT NULL,
        [Actor] nvarchar(256) NOT NULL,
        [Reason] nvarchar(1000) NOT NULL,
        [Outcome] nvarchar(20) NOT NULL,
        [Before] nvarchar(max) NOT NULL,
        [After] nvarchar(max) NOT NULL,
        [Diff] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DeviceChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeviceChanges_Devices_DeviceId] FOREIGN KEY ([DeviceId]) REFERENCES [Devices] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_DeviceChanges_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    CREATE INDEX [IX_Orders_State] ON [Orders] ([State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    CREATE INDEX [IX_DeviceChanges_DeviceId_Id] ON [DeviceChanges] ([DeviceId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    CREATE INDEX [IX_DeviceChanges_OrderId] ON [DeviceChanges] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261204223410_ApprovalsAndChangeRecords'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261204223410_ApprovalsAndChangeRecords', N'10.0.15');
END;

COMMIT;
GO

