-- SQL Server flavour
CREATE TABLE [dbo].[Invoice] (
    [InvoiceId] INT IDENTITY(1,1) NOT NULL,
    [CustomerRef] UNIQUEIDENTIFIER NOT NULL,
    [IssuedAt] DATETIMEOFFSET(7) NOT NULL,
    [DueDate] DATE NULL,
    [Amount] MONEY NOT NULL,
    [Memo] NVARCHAR(MAX) NULL,
    [Paid] BIT NOT NULL CONSTRAINT [DF_Invoice_Paid] DEFAULT ((0)),
    CONSTRAINT [PK_Invoice] PRIMARY KEY CLUSTERED ([InvoiceId] ASC)
)
GO
