import { ApiProperty } from '@nestjs/swagger';

export class ListMetaDto {
  @ApiProperty({ description: 'Items matching the query, over all pages.', example: 1 })
  total!: number;

  @ApiProperty({ description: 'The page size used.', example: 50 })
  limit!: number;

  @ApiProperty({ description: 'Items skipped before this page.', example: 0 })
  offset!: number;
}
